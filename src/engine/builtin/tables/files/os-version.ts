import { machine } from 'node:os';
import type { CellValue, TableSpec } from '../../table.js';
import { osqueryInteger, splitLimited, splitTrim, toText, type Bytes } from './bytes.js';
import { Tree } from './tree.js';

const OS_RELEASE = ['/etc/os-release', '/usr/lib/os-release'];
const COLUMNS: Record<string, string> = {
  NAME: 'name',
  VERSION: 'version',
  BUILD_ID: 'build',
  ID: 'platform',
  ID_LIKE: 'platform_like',
  VERSION_CODENAME: 'codename',
  VERSION_ID: '_id',
};

/** Text values of the row before the INTEGER columns are cast. */
export type OsFields = Record<string, Bytes>;

/**
 * os-release as osquery reads it: KEY=value lines (trimmed, split at the first "="), a value starting with '"'
 * loses its first and last character, any key containing CODENAME sets codename, VERSION_ID gives
 * major.minor.patch.
 */
export function parseOsRelease(content: Bytes, fields: OsFields): void {
  for (const line of splitTrim(content, '\n')) {
    const kv = splitLimited(line, '=', 1);
    if (kv.length !== 2) continue;
    const [key, raw] = kv as [string, string];
    const column = COLUMNS[key] ?? (key.includes('CODENAME') ? 'codename' : undefined);
    if (!column) continue;
    const value = raw.startsWith('"') ? raw.slice(1, raw.length - 1) : raw;
    fields[column] = value;
    if (column === '_id') {
      const [major, minor, patch] = splitLimited(value, '.', 2);
      if (major !== undefined) fields.major = major;
      if (minor !== undefined) fields.minor = minor;
      if (patch !== undefined) fields.patch = patch;
    }
  }
}

/** An older Red Hat style release file (/etc/redhat-release, /etc/gentoo-release) overrides name and version. */
export function parseReleaseFile(content: Bytes, platform: string, fields: OsFields): void {
  // boost::trim_all: ends trimmed, each inner run of spaces kept as its first character.
  const text = content.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '').replace(/[ \t\n\v\f\r]+/g, (run) => run[0] ?? '');
  fields.platform = platform;
  fields.platform_like = platform;
  const rx = /([\w+ \t\n\v\f\r]+) .* ([0-9]+)\.([0-9]+)\.?(\w+)?/;
  for (const line of splitTrim(text, '\n')) {
    const m = rx.exec(line);
    if (!m) continue;
    fields.name = m[1] ?? '';
    fields.major = m[2] ?? '';
    fields.minor = m[3] ?? '';
    fields.patch = m[4] || '0';
    break;
  }
  fields.version = text;
  fields.build = '';
}

const ELF_MACHINES: Record<number, [string, string]> = {
  3: ['i686', 'i686'],
  8: ['mips', 'mips64'],
  20: ['ppc', 'ppc'],
  21: ['ppc64', 'ppc64le'],
  22: ['s390', 's390x'],
  40: ['armv7l', 'armv7l'],
  62: ['x86_64', 'x86_64'],
  183: ['aarch64', 'aarch64'],
  243: ['riscv32', 'riscv64'],
  258: ['loongarch64', 'loongarch64'],
};

/** A mounted image's architecture, as uname would say it, from the ELF header of its /bin/sh. */
async function imageArch(tree: Tree): Promise<string | null> {
  const file = await tree.openRegular('/bin/sh');
  if (!file) return null;
  const head = Buffer.alloc(20);
  try {
    const { bytesRead } = await file.handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || head.readUInt32BE(0) !== 0x7f454c46) return null;
  } catch {
    return null;
  } finally {
    await file.handle.close().catch(() => undefined);
  }
  const little = head[5] === 1;
  const id = little ? head.readUInt16LE(18) : head.readUInt16BE(18);
  const names = ELF_MACHINES[id];
  if (!names) return null;
  if (id === 21) return little ? 'ppc64le' : 'ppc64';
  return head[4] === 2 ? names[1] : names[0];
}

export const osVersionTable: TableSpec = {
  name: 'os_version',
  columns: [
    { name: 'name', type: 'TEXT' },
    { name: 'version', type: 'TEXT' },
    { name: 'major', type: 'INTEGER' },
    { name: 'minor', type: 'INTEGER' },
    { name: 'patch', type: 'INTEGER' },
    { name: 'build', type: 'TEXT' },
    { name: 'platform', type: 'TEXT' },
    { name: 'platform_like', type: 'TEXT' },
    { name: 'codename', type: 'TEXT' },
    { name: 'arch', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const fields: OsFields = { name: 'Unknown', major: '0', minor: '0', patch: '0', platform: 'posix' };
    for (const path of OS_RELEASE) {
      const content = await tree.readFile(path);
      if (content === null || content === '') continue; // Funtoo ships an empty one
      parseOsRelease(content, fields);
      break;
    }
    const redhat = await tree.readFile('/etc/redhat-release');
    const gentoo = redhat === null ? await tree.readFile('/etc/gentoo-release') : null;
    if (redhat !== null) parseReleaseFile(redhat, 'rhel', fields);
    else if (gentoo !== null) parseReleaseFile(gentoo, 'gentoo', fields);
    const text = (key: string): CellValue => (fields[key] === undefined ? null : toText(fields[key]));
    const int = (key: string): CellValue => (fields[key] === undefined ? null : osqueryInteger(fields[key]));
    return [
      {
        name: text('name'),
        version: text('version'),
        major: int('major'),
        minor: int('minor'),
        patch: int('patch'),
        build: text('build'),
        platform: text('platform'),
        platform_like: text('platform_like'),
        codename: text('codename'),
        arch: ctx.live ? machine() : await imageArch(tree),
      },
    ];
  },
};
