import type { TableRow, TableSpec } from '../../table.js';
import { accountsInScope } from './accounts.js';
import { joinPath, splitTrim, toText, type Bytes } from './bytes.js';
import { Tree } from './tree.js';

const KEY_FILES = ['.ssh/authorized_keys', '.ssh/authorized_keys2'];

/** Public key types sshd accepts in authorized_keys (plain, security-key and certificate forms). */
const KEY_TYPE =
  /^(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(256|384|521)|sk-ecdsa-sha2-nistp256@openssh\.com|sk-ssh-ed25519@openssh\.com|[a-z0-9.-]+-cert-v0[01]@openssh\.com)$/;

export interface AuthorizedKey {
  options: Bytes | null;
  algorithm: Bytes | null;
  key: Bytes | null;
  comment: Bytes | null;
}

/** Where the first token ends: whitespace outside double quotes (sshd's rule for the options field). */
function optionsEnd(line: Bytes): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '\\' && line[i + 1] === '"') i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ' ' || ch === '\t')) return i;
  }
  return line.length;
}

const firstToken = (s: Bytes): { token: Bytes; rest: Bytes } => {
  const m = /^[^ \t]*/.exec(s);
  const token = m ? m[0] : '';
  return { token, rest: s.slice(token.length).replace(/^[ \t]+/, '') };
};

/**
 * One authorized_keys line: [options] keytype key [comment]. Options end at the first whitespace outside quotes, so
 * command="a b" or from="x,y" stay whole. A line with no recognised key type yields only its options when they
 * carry zos-key-ring-label (as osquery does), else nothing.
 */
export function parseAuthorizedKey(line: Bytes): AuthorizedKey | null {
  let options: Bytes | null = null;
  let rest = line;
  if (!KEY_TYPE.test(firstToken(line).token)) {
    const end = optionsEnd(line);
    options = line.slice(0, end);
    rest = line.slice(end).replace(/^[ \t]+/, '');
  }
  const type = firstToken(rest);
  if (!KEY_TYPE.test(type.token)) {
    const zos = line.split(',').some((o) => o.startsWith('zos-key-ring-label='));
    return zos ? { options: line, algorithm: null, key: null, comment: null } : null;
  }
  const key = firstToken(type.rest);
  if (key.token === '') return null;
  return { options, algorithm: type.token, key: key.token, comment: key.rest === '' ? null : key.rest };
}

export const authorizedKeysTable: TableSpec = {
  name: 'authorized_keys',
  columns: [
    { name: 'uid', type: 'BIGINT' },
    { name: 'algorithm', type: 'TEXT' },
    { name: 'key', type: 'TEXT' },
    { name: 'options', type: 'TEXT' },
    { name: 'comment', type: 'TEXT' },
    { name: 'key_file', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const rows: TableRow[] = [];
    const text = (v: Bytes | null): string | null => (v === null ? null : toText(v));
    for (const account of await accountsInScope(ctx, tree)) {
      if (!account.home.startsWith('/')) continue;
      for (const name of KEY_FILES) {
        const file = joinPath(account.home, name);
        const content = await tree.readFile(file);
        if (content === null) continue;
        // osquery's split: lines trimmed, blank ones dropped.
        for (const line of splitTrim(content, '\n')) {
          if (line === '' || line.startsWith('#')) continue;
          const parsed = parseAuthorizedKey(line);
          if (!parsed) continue;
          rows.push({
            uid: account.uid,
            algorithm: text(parsed.algorithm),
            key: text(parsed.key),
            options: text(parsed.options),
            comment: text(parsed.comment),
            key_file: toText(file),
          });
        }
      }
    }
    return rows;
  },
};
