import { createHash } from 'node:crypto';
import type { TableRow, TableSpec } from '../../table.js';
import { mapInBatches } from './batch.js';
import { joinPath, splitPath, toText, type Bytes } from './bytes.js';
import { resolveTargets } from './targets.js';
import { READ_MAX, Tree } from './tree.js';

export interface Digests {
  md5: string;
  sha1: string;
  sha256: string;
}

const EMPTY: Digests = { md5: '', sha1: '', sha256: '' };

/**
 * md5, sha1 and sha256 of a regular file in one streaming pass. Like osquery, a file over 50 MiB (or one that grows
 * past it while read, or cannot be read) gets empty hashes rather than no row.
 */
export async function hashFile(tree: Tree, path: Bytes, max = READ_MAX): Promise<Digests> {
  const file = await tree.openRegular(path);
  if (!file) return EMPTY;
  try {
    if (file.size > BigInt(max)) return EMPTY;
    const hashes = [createHash('md5'), createHash('sha1'), createHash('sha256')] as const;
    const block = Buffer.alloc(1024 * 1024);
    let total = 0;
    for (;;) {
      const { bytesRead } = await file.handle.read(block, 0, block.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return EMPTY;
      const chunk = block.subarray(0, bytesRead);
      for (const h of hashes) h.update(chunk);
    }
    return { md5: hashes[0].digest('hex'), sha1: hashes[1].digest('hex'), sha256: hashes[2].digest('hex') };
  } catch {
    return EMPTY;
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

async function isRegular(tree: Tree, path: Bytes): Promise<boolean> {
  return (await tree.stat(path)).stats?.isFile() ?? false;
}

export const hashTable: TableSpec = {
  name: 'hash',
  columns: [
    { name: 'path', type: 'TEXT', required: true },
    { name: 'directory', type: 'TEXT', required: true },
    { name: 'md5', type: 'TEXT' },
    { name: 'sha1', type: 'TEXT' },
    { name: 'sha256', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const { paths, directories } = await resolveTargets(ctx, tree, 'hash');
    // Which files to hash, as (path, directory as written), regular files only (links followed).
    const wanted: Array<[Bytes, Bytes]> = paths.map((p) => [p, splitPath(p).parent]);
    for (const dir of directories) {
      if (!(await tree.isDirectory(dir))) continue;
      wanted.push(...((await tree.list(dir)) ?? []).map((name): [Bytes, Bytes] => [joinPath(dir, name), dir]));
    }
    const regular = await mapInBatches(wanted, ([path]) => isRegular(tree, path));
    const files = wanted.filter((_, i) => regular[i]);
    const digests = new Map<Bytes, Promise<Digests>>();
    const digest = (path: Bytes): Promise<Digests> => {
      let found = digests.get(path);
      if (!found) {
        found = hashFile(tree, path);
        digests.set(path, found);
      }
      return found;
    };
    // A few files at once overlaps reading with hashing; more would only fight over the disk.
    const rows = await mapInBatches(
      files,
      async ([path, dir]): Promise<TableRow> => ({ path: toText(path), directory: toText(dir), ...(await digest(path)) }),
      4,
    );
    return rows;
  },
};
