import { readFileSync, statSync } from 'node:fs';
import { queryHeaderId, scanGuideKeys } from './head-keys.js';
import { entryIsCurrent, readIndexedRecord, sha256Hex, type IndexedGuideFile, type IndexedQueryFile } from './index-file.js';
import type { LoadProblem } from './load.js';
import type { RuleKeys } from './match.js';
import type { Guide, LoadedGuide, Query } from './model.js';

/**
 * One guide or query file of a catalog, known as far as was needed: from the directory's index, from the head of the
 * file, or parsed. Parsing and checking (or taking the index's record of exactly these bytes) is what makes an entry
 * `valid` with something loaded; the YAML parser and the schema are loaded on the first parse only.
 */
export type Known = 'unknown' | 'valid' | 'invalid';

export interface GuideEntry {
  file: string;
  source: string;
  /** The directory's index entry for the file, until found out of date. */
  indexed?: { dir: string; entry: IndexedGuideFile };
  /** Whether the identity was looked for yet: the index entry compared with the file, or the file's head read. */
  looked: boolean;
  /** Identity as far as known (from the index, the file's head or its parse); undefined when unsure. */
  keys: RuleKeys | undefined;
  state: Known;
  problems: LoadProblem[];
  loaded?: LoadedGuide;
  /** The directory's count of index entries found out of date. */
  counts: { stale: number };
}

export interface QueryEntry {
  file: string;
  source: string;
  indexed?: { dir: string; entry: IndexedQueryFile };
  id: string | undefined;
  state: Known;
  problems: LoadProblem[];
  query?: Query;
}

/** A guide file, described by the index entry when there is one; nothing is read yet. */
export function guideEntry(file: string, source: string, counts: { stale: number }, indexed?: GuideEntry['indexed']): GuideEntry {
  const base = { file, source, looked: false, counts };
  if (!indexed) return { ...base, keys: undefined, state: 'unknown', problems: [] };
  const { entry } = indexed;
  if (entry.ruleId !== undefined && entry.names !== undefined) {
    return { ...base, indexed, keys: { ruleId: entry.ruleId, names: entry.names }, state: 'valid', problems: [] };
  }
  return { ...base, indexed, keys: undefined, state: 'invalid', problems: (entry.problems ?? []).map((message) => ({ file, message })) };
}

/**
 * Look for a guide file's identity: compare its index entry with the file (an entry out of date is dropped), else
 * read the rule_id and names from the file's head, which leaves them undefined when unsure.
 */
export function lookAt(e: GuideEntry): void {
  if (e.looked) return;
  e.looked = true;
  if (e.indexed) {
    if (current(e.indexed.entry, e.file)) return;
    e.counts.stale++;
    Object.assign(e, { indexed: undefined, keys: undefined, state: 'unknown', problems: [], loaded: undefined });
  }
  e.keys = scanGuideKeys(e.file);
}

/** Look at a guide file, and parse it when its identity is still unsure. */
export async function know(e: GuideEntry): Promise<void> {
  lookAt(e);
  if (e.keys === undefined && e.state === 'unknown') await parseGuide(e);
}

/** Load a guide: the index's record of these bytes when there is one, else parse and check the file. */
export async function parseGuide(e: GuideEntry): Promise<void> {
  const recorded = e.indexed?.entry.ruleId !== undefined ? recordedGuide(e, e.indexed.dir, e.indexed.entry) : undefined;
  if (recorded) {
    Object.assign(e, { state: 'valid', problems: [], loaded: recorded });
    return;
  }
  const { loadGuideFile, guideKeysOf } = await parser();
  const loaded = await loadGuideFile(e.file, e.source);
  if ('problems' in loaded) Object.assign(e, { state: 'invalid', keys: undefined, problems: loaded.problems, loaded: undefined });
  else Object.assign(e, { state: 'valid', keys: guideKeysOf(loaded.guide), problems: [], loaded: loaded.guide });
}

/** The query files of a folder: from the index where it is current, else with the id read from the header. */
export function queryEntries(
  names: readonly string[],
  path: (name: string) => string,
  { dir, source, index }: { dir: string; source: string; index: ReadonlyMap<string, IndexedQueryFile> },
): { entries: QueryEntry[]; stale: number } {
  let stale = 0;
  const entries = names.map((name): QueryEntry => {
    const file = path(name);
    const before = index.get(name);
    const entry = before && current(before, file) ? before : undefined;
    if (before && !entry) stale++;
    if (entry?.id !== undefined) return { file, source, indexed: { dir, entry }, id: entry.id, state: 'valid', problems: [] };
    if (entry) return { file, source, id: undefined, state: 'invalid', problems: (entry.problems ?? []).map((message) => ({ file, message })) };
    return { file, source, id: queryHeaderId(readText(file)), state: 'unknown', problems: [] };
  });
  return { entries, stale };
}

export async function parseQuery(e: QueryEntry): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(e.file);
  } catch (err) {
    Object.assign(e, { state: 'invalid', problems: [{ file: e.file, message: `cannot read: ${errorText(err)}` }] });
    return;
  }
  const recorded = e.indexed ? readIndexedRecord(e.indexed.dir, e.indexed.entry, sha256Hex(bytes))?.query : undefined;
  if (isRecord(recorded) && recorded.id === e.id && typeof recorded.sql === 'string') {
    Object.assign(e, { state: 'valid', query: { ...(recorded as unknown as Omit<Query, 'file'>), file: e.file } });
    return;
  }
  const { parseQueryFile } = await parser();
  const parsed = parseQueryFile(bytes.toString('utf8'), e.file);
  if (parsed.ok) Object.assign(e, { state: 'valid', id: parsed.query.id, query: parsed.query });
  else Object.assign(e, { state: 'invalid', problems: parsed.errors.map((message) => ({ file: e.file, message })) });
}

/**
 * The guide as the index's data file recorded it for exactly these bytes, when its identity is the one the index
 * gives: what parsing and checking the file gave when the index was written, by the same code (indexSchema).
 */
function recordedGuide(e: GuideEntry, dir: string, entry: IndexedGuideFile): LoadedGuide | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(e.file);
  } catch {
    return undefined;
  }
  const sha256 = sha256Hex(bytes);
  const guide = readIndexedRecord(dir, entry, sha256)?.guide;
  if (!isRecord(guide) || guide.rule_id !== entry.ruleId || !Array.isArray(guide.steps) || !isRecord(guide.name)) return undefined;
  return { guide: guide as unknown as Guide, file: e.file, sha256, source: e.source };
}

/** The YAML parser and the schema, loaded only once something has to be parsed. */
async function parser(): Promise<typeof import('./load.js') & typeof import('./query-file.js') & typeof import('./resolve.js')> {
  const [load, queryFile, resolver] = await Promise.all([import('./load.js'), import('./query-file.js'), import('./resolve.js')]);
  return { ...load, ...queryFile, ...resolver };
}

function current(entry: IndexedGuideFile | IndexedQueryFile, file: string): boolean {
  try {
    return entryIsCurrent(entry, statSync(file), file);
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // parsed later, which reports why it cannot be read
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
