import type { BigIntStats } from 'node:fs';
import type { TableRow, TableSpec } from '../../table.js';
import { readAccounts, readGroups } from './accounts.js';
import { mapInBatches } from './batch.js';
import { joinPath, toText, type Bytes } from './bytes.js';
import { Tree } from './tree.js';

const SEARCH_PATHS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/tmp'];
const SETUID = 0o4000n;
const SETGID = 0o2000n;

/** "S" for setuid, "G" for setgid, "SG" for both, "" for neither. */
export function suidPermissions(mode: bigint): string {
  return `${mode & SETUID ? 'S' : ''}${mode & SETGID ? 'G' : ''}`;
}

interface Entry {
  path: Bytes;
  /** lstat says directory: walked into (a link to a directory is not, like boost's recursive iterator). */
  descend: boolean;
  /** stat through links: a regular file with setuid/setgid bits. */
  target: BigIntStats | null;
}

async function inspect(tree: Tree, path: Bytes): Promise<Entry> {
  const own = (await tree.lstat(path)).stats;
  if (!own) return { path, descend: false, target: null };
  const st = own.isSymbolicLink() ? (await tree.stat(path)).stats : own;
  const flagged = st !== null && st.isFile() && (st.mode & (SETUID | SETGID)) !== 0n;
  return { path, descend: own.isDirectory(), target: flagged ? st : null };
}

/** Depth-first like boost::filesystem::recursive_directory_iterator: each directory's entries, subtrees in place. */
async function walk(tree: Tree, dir: Bytes, found: (e: Entry) => void): Promise<void> {
  const names = await tree.list(dir);
  if (!names) return;
  for (const entry of await mapInBatches(names, (n) => inspect(tree, joinPath(dir, n)))) {
    if (entry.target) found(entry);
    if (entry.descend) await walk(tree, entry.path, found);
  }
}

export const suidBinTable: TableSpec = {
  name: 'suid_bin',
  columns: [
    { name: 'path', type: 'TEXT' },
    { name: 'username', type: 'TEXT' },
    { name: 'groupname', type: 'TEXT' },
    { name: 'permissions', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    // getpwuid/getgrgid: the first entry for an id names it; an unknown id is shown as its number.
    const users = new Map<number, Bytes>();
    for (const a of await readAccounts(tree)) if (!users.has(a.uid)) users.set(a.uid, a.name);
    const groups = new Map<number, Bytes>();
    for (const g of await readGroups(tree)) if (!groups.has(g.gid)) groups.set(g.gid, g.name);
    const rows: TableRow[] = [];
    for (const start of SEARCH_PATHS) {
      // The start itself is followed (/bin -> usr/bin lists usr/bin's files under /bin, as osquery does).
      if (!(await tree.isDirectory(start))) continue;
      await walk(tree, start, ({ path, target }) => {
        if (!target) return;
        const uid = Number(target.uid);
        const gid = Number(target.gid);
        rows.push({
          path: toText(path),
          username: toText(users.get(uid) ?? String(uid)),
          groupname: toText(groups.get(gid) ?? String(gid)),
          permissions: suidPermissions(target.mode),
        });
      });
    }
    return rows;
  },
};
