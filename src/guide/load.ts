import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { guideDirLayout, GUIDE_FILE, QUERY_FILE } from './layout.js';
import { Guide, type LoadedGuide, type Query } from './model.js';
import { shippedGuideDir } from './paths.js';
import { parseQueryFile } from './query-file.js';

export { guideDirLayout, type GuideDirLayout } from './layout.js';

export interface LoadProblem {
  file: string;
  message: string;
}

export interface LoadedQuery {
  query: Query;
  /** `shipped` or the guide directory it came from, as for guides. */
  source: string;
}

export interface Library {
  /** Every guide, in precedence order (first directory first, files sorted by name within one). */
  guides: LoadedGuide[];
  /** Query id -> query; the first directory defining an id wins. */
  queries: Map<string, Query>;
  /** Every query file that parsed, in precedence order, including ones a higher-precedence directory overrides. */
  queryFiles: LoadedQuery[];
  problems: LoadProblem[];
}

/**
 * Every guide and query of the directories (layouts: see layout.ts), parsed and checked. Directories are given in
 * precedence order: the first one wins for a rule_id or query id defined in several.
 */
export async function loadLibrary(dirs: readonly string[]): Promise<Library> {
  const lib: Library = { guides: [], queries: new Map(), queryFiles: [], problems: [] };
  const shipped = [resolve(shippedGuideDir()), resolve(shippedGuideDir(), 'guides')];
  for (const dir of dirs) {
    const source = shipped.includes(resolve(dir)) ? 'shipped' : dir;
    await loadDir(dir, source, lib);
  }
  return lib;
}

async function loadDir(dir: string, source: string, lib: Library): Promise<void> {
  const layout = await guideDirLayout(dir);
  if (layout === undefined) {
    lib.problems.push({ file: dir, message: 'guide directory does not exist or is not a directory' });
    return;
  }
  for (const file of await listFiles(layout.guidesDir, GUIDE_FILE)) {
    const loaded = await loadGuideFile(file, source);
    if ('problems' in loaded) lib.problems.push(...loaded.problems);
    else lib.guides.push(loaded.guide);
  }
  if (layout.queriesDir === undefined) return;
  for (const file of await listFiles(layout.queriesDir, QUERY_FILE)) {
    const text = await readText(file, lib.problems);
    if (text === undefined) continue;
    const parsed = parseQueryFile(text, file);
    if (!parsed.ok) {
      lib.problems.push(...parsed.errors.map((message) => ({ file, message })));
      continue;
    }
    lib.queryFiles.push({ query: parsed.query, source });
    if (!lib.queries.has(parsed.query.id)) lib.queries.set(parsed.query.id, parsed.query);
  }
}

export async function loadGuideFile(
  file: string,
  source: string,
): Promise<{ guide: LoadedGuide } | { problems: LoadProblem[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return { problems: [{ file, message: `cannot read: ${errorText(err)}` }] };
  }
  return parseGuideFile(bytes, file, source);
}

/** A guide file's bytes, parsed and checked against the schema; the hash is of exactly these bytes. */
export function parseGuideFile(bytes: Buffer, file: string, source: string): { guide: LoadedGuide } | { problems: LoadProblem[] } {
  let data: unknown;
  try {
    data = parseYaml(bytes.toString('utf8'));
  } catch (err) {
    return { problems: [{ file, message: `not valid YAML: ${errorText(err)}` }] };
  }
  const parsed = Guide.safeParse(data);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => ({ file, message: `${i.path.join('.') || 'guide'}: ${i.message}` })),
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { guide: { guide: parsed.data, file, sha256, source } };
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && pattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => join(dir, name));
}

async function readText(file: string, problems: LoadProblem[]): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    problems.push({ file, message: `cannot read: ${errorText(err)}` });
    return undefined;
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
