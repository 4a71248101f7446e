import type { TableContext, TableRow, TableSpec } from '../../table.js';
import { splitLines, toText, type Bytes } from './bytes.js';
import { Tree } from './tree.js';

/** One /etc/passwd entry; text fields still bytes. */
export interface Account {
  name: Bytes;
  uid: number;
  gid: number;
  gecos: Bytes;
  home: Bytes;
  shell: Bytes;
}

export interface Group {
  name: Bytes;
  gid: number;
}

const U32_MAX = 0xffffffff;
const UINT = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;

/** glibc's strtou32 over a whole field: strtoul, clamped to 32 bits; null when the field is not a number. */
function parseId(field: string | undefined): number | null {
  const m = field === undefined ? null : UINT.exec(field);
  if (!m) return null;
  const n = BigInt(m[2] ?? '0');
  if (m[1] === '-' && n !== 0n) return U32_MAX; // strtoul wraps a negative, the clamp keeps 2^32-1
  return n > BigInt(U32_MAX) ? U32_MAX : Number(n);
}

/** The lines nss_files reads: leading blanks skipped, empty and "#" lines ignored. */
function entryLines(content: Bytes): Bytes[] {
  return splitLines(content)
    .map((line) => line.replace(/^[ \t\n\v\f\r]+/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** /etc/passwd as glibc's fgetpwent parses it: the shell is the rest of the line, bad id fields drop the line. */
export function parsePasswd(content: Bytes): Account[] {
  const accounts: Account[] = [];
  for (const line of entryLines(content)) {
    const fields = line.split(':');
    const uid = parseId(fields[2]);
    const gid = parseId(fields[3]);
    if (uid === null || gid === null) continue;
    accounts.push({
      name: fields[0] ?? '',
      uid,
      gid,
      gecos: fields[4] ?? '',
      home: fields[5] ?? '',
      shell: fields.slice(6).join(':'),
    });
  }
  return accounts;
}

export function parseGroup(content: Bytes): Group[] {
  const groups: Group[] = [];
  for (const line of entryLines(content)) {
    const fields = line.split(':');
    const gid = parseId(fields[2]);
    if (gid !== null) groups.push({ name: fields[0] ?? '', gid });
  }
  return groups;
}

export async function readAccounts(tree: Tree): Promise<Account[]> {
  const content = await tree.readFile('/etc/passwd');
  return content === null ? [] : parsePasswd(content);
}

export async function readGroups(tree: Tree): Promise<Group[]> {
  const content = await tree.readFile('/etc/group');
  return content === null ? [] : parseGroup(content);
}

const int32 = (n: number): number => n | 0;

export const usersTable: TableSpec = {
  name: 'users',
  columns: [
    { name: 'uid', type: 'BIGINT' },
    { name: 'gid', type: 'BIGINT' },
    { name: 'uid_signed', type: 'BIGINT' },
    { name: 'gid_signed', type: 'BIGINT' },
    { name: 'username', type: 'TEXT' },
    { name: 'description', type: 'TEXT' },
    { name: 'directory', type: 'TEXT' },
    { name: 'shell', type: 'TEXT' },
    { name: 'uuid', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    // Every entry, duplicates included: a second uid-0 account is exactly what a responder needs to see.
    return (await readAccounts(new Tree(ctx))).map((a) => ({
      uid: a.uid,
      gid: a.gid,
      uid_signed: int32(a.uid),
      gid_signed: int32(a.gid),
      username: toText(a.name),
      description: toText(a.gecos),
      directory: toText(a.home),
      shell: toText(a.shell),
      uuid: null,
    }));
  },
};

export const groupsTable: TableSpec = {
  name: 'groups',
  columns: [
    { name: 'gid', type: 'BIGINT' },
    { name: 'gid_signed', type: 'BIGINT' },
    { name: 'groupname', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const seen = new Set<number>();
    const rows: TableRow[] = [];
    for (const g of await readGroups(new Tree(ctx))) {
      if (seen.has(g.gid)) continue;
      seen.add(g.gid);
      rows.push({ gid: g.gid, gid_signed: int32(g.gid), groupname: toText(g.name) });
    }
    return rows;
  },
};

/** Numeric values of `=` / IN constraints on a column (strtol base 10 like osquery); null when unconstrained. */
export function constrainedIds(ctx: TableContext, column: string): Set<number> | null {
  const matching = ctx.constraints.filter((c) => c.column === column && (c.op === '=' || c.op === 'IN'));
  if (matching.length === 0) return null;
  const ids = new Set<number>();
  for (const v of matching.flatMap((c) => c.values)) {
    const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)$/.exec(v);
    if (m) ids.add(Number(m[1]));
  }
  return ids;
}

/**
 * Whose files a per-user table reads, as osquery's usersFromContext: the uids the statement names, else the
 * current user. A mounted image has no current user (we are not logged in to it), so there every account is read.
 * Accounts sharing a uid and home are read once.
 */
export async function accountsInScope(ctx: TableContext, tree: Tree): Promise<Account[]> {
  const all = await readAccounts(tree);
  const uids = constrainedIds(ctx, 'uid');
  const wanted = uids ?? (ctx.live && typeof process.getuid === 'function' ? new Set([process.getuid()]) : null);
  const seen = new Set<string>();
  return all.filter((a) => {
    if (wanted && !wanted.has(a.uid)) return false;
    const key = `${a.uid}:${a.home}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
