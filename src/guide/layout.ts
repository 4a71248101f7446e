import { readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

/**
 * A guide directory D is laid out one of two ways:
 *   1. D/guides/ exists: guides are D/guides/*.yaml|yml, queries are D/queries/*.sql.
 *   2. otherwise: guides are D/*.yaml|yml; queries are D/queries/*.sql, or, when there is no D/queries and D itself is
 *      named `guides`, the sibling D/../queries/*.sql (so pointing at a checkout's guides/ folder works).
 * Kept apart from the loader so that finding files does not load the YAML parser or the schema.
 */
export interface GuideDirLayout {
  guidesDir: string;
  queriesDir: string | undefined;
}

export const GUIDE_FILE = /\.ya?ml$/i;
export const QUERY_FILE = /\.sql$/i;

export async function guideDirLayout(dir: string): Promise<GuideDirLayout | undefined> {
  if (!(await isDir(dir))) return undefined;
  if (await isDir(join(dir, 'guides'))) {
    const queries = join(dir, 'queries');
    return { guidesDir: join(dir, 'guides'), queriesDir: (await isDir(queries)) ? queries : undefined };
  }
  const own = join(dir, 'queries');
  if (await isDir(own)) return { guidesDir: dir, queriesDir: own };
  const sibling = join(dir, '..', 'queries');
  if (basename(resolve(dir)) === 'guides' && (await isDir(sibling))) return { guidesDir: dir, queriesDir: sibling };
  return { guidesDir: dir, queriesDir: undefined };
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The guide or query files of a folder, sorted by name, as the loader lists them. Synchronous: a lookup stats or
 * reads thousands of small files and has nothing else to do meanwhile.
 */
export function listFolder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && pattern.test(e.name))
    .map((e) => e.name)
    .sort();
}
