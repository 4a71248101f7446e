import type { BigIntStats } from 'node:fs';
import type { TableRow, TableSpec } from '../../table.js';
import { mapInBatches } from './batch.js';
import { cellNumber, joinPath, splitPath, toText, type Bytes } from './bytes.js';
import { resolveTargets } from './targets.js';
import { Tree, type Probe } from './tree.js';

/** Permission bits as osquery's lsperms: four octal digits, setuid/setgid/sticky first ("0644", "4755"). */
export const modeString = (mode: bigint): string => (Number(mode) & 0o7777).toString(8).padStart(4, '0');

/** Seconds from nanoseconds, rounded down like tv_sec (also before 1970). */
const seconds = (ns: bigint): number | bigint => {
  const s = ns / 1_000_000_000n;
  return cellNumber(ns < 0n && s * 1_000_000_000n !== ns ? s - 1n : s);
};

/** boost::filesystem::status() names; a path that does not resolve is "unknown", any other failure "error". */
export function typeName(followed: Probe): string {
  const st = followed.stats;
  if (!st) return followed.code === 'ENOENT' || followed.code === 'ENOTDIR' ? 'unknown' : 'error';
  if (st.isFile()) return 'regular';
  if (st.isDirectory()) return 'directory';
  if (st.isBlockDevice()) return 'block';
  if (st.isCharacterDevice()) return 'character';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'unknown';
}

/** One row of `file` for `path` listed under `parent`; null when lstat fails (osquery: no row). */
export async function describeFile(tree: Tree, path: Bytes, parent: Bytes): Promise<TableRow | null> {
  const link = await tree.lstat(path);
  if (!link.stats) return null;
  const followed = await tree.stat(path);
  const st: BigIntStats = followed.stats ?? link.stats;
  const isLink = link.stats.isSymbolicLink();
  const target = isLink ? await tree.readlink(path) : null;
  return {
    path: toText(path),
    directory: toText(parent),
    filename: toText(splitPath(path).filename),
    inode: cellNumber(st.ino),
    uid: cellNumber(st.uid),
    gid: cellNumber(st.gid),
    mode: modeString(st.mode),
    device: cellNumber(st.rdev),
    size: cellNumber(st.size),
    block_size: Number(BigInt.asIntN(32, st.blksize)),
    atime: seconds(st.atimeNs),
    mtime: seconds(st.mtimeNs),
    ctime: seconds(st.ctimeNs),
    btime: 0,
    hard_links: Number(BigInt.asIntN(32, st.nlink)),
    symlink: isLink ? 1 : 0,
    type: typeName(followed),
    symlink_target_path: target === null ? null : toText(target),
  };
}

export const fileTable: TableSpec = {
  name: 'file',
  columns: [
    { name: 'path', type: 'TEXT', required: true },
    { name: 'directory', type: 'TEXT', required: true },
    { name: 'filename', type: 'TEXT' },
    { name: 'inode', type: 'BIGINT' },
    { name: 'uid', type: 'BIGINT' },
    { name: 'gid', type: 'BIGINT' },
    { name: 'mode', type: 'TEXT' },
    { name: 'device', type: 'BIGINT' },
    { name: 'size', type: 'BIGINT' },
    { name: 'block_size', type: 'INTEGER' },
    { name: 'atime', type: 'BIGINT' },
    { name: 'mtime', type: 'BIGINT' },
    { name: 'ctime', type: 'BIGINT' },
    { name: 'btime', type: 'BIGINT' },
    { name: 'hard_links', type: 'INTEGER' },
    { name: 'symlink', type: 'INTEGER' },
    { name: 'type', type: 'TEXT' },
    { name: 'symlink_target_path', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const { paths, directories } = await resolveTargets(ctx, tree, 'file');
    const rows = await mapInBatches(paths, (path) => describeFile(tree, path, splitPath(path).parent));
    for (const dir of directories) {
      if (!(await tree.isDirectory(dir))) continue;
      const names = (await tree.list(dir)) ?? [];
      rows.push(...(await mapInBatches(names, (name) => describeFile(tree, joinPath(dir, name), dir))));
    }
    return rows.filter((row): row is TableRow => row !== null);
  },
};
