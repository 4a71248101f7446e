import { TableError, type TableContext } from '../../table.js';
import { fromText, type Bytes } from './bytes.js';
import { compareBytes, likePaths } from './glob.js';
import type { Tree } from './tree.js';

/** What a `file` / `hash` statement asks for: paths to describe, and directories whose entries to describe. */
export interface Targets {
  paths: Bytes[];
  directories: Bytes[];
}

export const missingRequiredColumn = (table: string): TableError =>
  new TableError(`Table ${table} was queried without a required column in the WHERE clause`);

async function resolve(ctx: TableContext, tree: Tree, column: string, limit: 'all' | 'folders'): Promise<Bytes[]> {
  const found = new Set<Bytes>();
  for (const c of ctx.constraints) {
    if (c.column !== column) continue;
    for (const value of c.values) {
      if (c.op === 'LIKE') for (const p of await likePaths(tree, fromText(value), limit)) found.add(p);
      else found.add(fromText(value));
    }
  }
  return [...found].sort(compareBytes);
}

/**
 * The paths (= / IN as written, LIKE as globs) and directories named by the statement's constraints, each list
 * sorted and unique like osquery's constraint sets. Without a constraint on either column osquery refuses.
 */
export async function resolveTargets(ctx: TableContext, tree: Tree, table: string): Promise<Targets> {
  if (!ctx.constraints.some((c) => c.column === 'path' || c.column === 'directory')) {
    throw missingRequiredColumn(table);
  }
  return {
    paths: await resolve(ctx, tree, 'path', 'all'),
    directories: await resolve(ctx, tree, 'directory', 'folders'),
  };
}
