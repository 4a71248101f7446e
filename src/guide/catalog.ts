import { normalize, resolve } from 'node:path';
import { errorText, guideEntry, know, lookAt, parseGuide, parseQuery, queryEntries, type GuideEntry, type QueryEntry } from './catalog-entry.js';
import { readGuideIndex, type IndexedQueryFile } from './index-file.js';
import { guideDirLayout, GUIDE_FILE, listFolder, QUERY_FILE, type GuideDirLayout } from './layout.js';
import type { Library, LoadProblem } from './load.js';
import { matchRule, noMatch, type RuleKeys, type RuleQuery } from './match.js';
import type { LoadedGuide, Query, Step } from './model.js';
import { shippedGuideDir } from './paths.js';

/**
 * The guide library without loading it: finds one rule's guide among thousands from each directory's index
 * (index-file.ts) and the heads of files the index does not describe, then loads only the guide it picks and the
 * queries that guide uses. Answers are exactly the loader's and resolver's (loadLibrary + resolveGuide): every index
 * entry the answer depends on is first compared with its file, a guide is returned only once loaded, a file whose
 * identity is unsure is parsed, and a miss takes its suggestions from exactly the guides that load.
 */
export interface GuideCatalog {
  readonly dirs: readonly CatalogDir[];
  /** Queries looked up so far: id -> the query that wins it, or null when none does. */
  readonly lookedUp: Map<string, Query | null>;
}

export interface CatalogDir {
  dir: string;
  source: string;
  layout: GuideDirLayout | undefined;
  /** Whether the directory had an index this code can use, and how many of its entries were out of date. */
  index: { used: boolean; stale: number };
  guides: GuideEntry[];
  /** Listed on the first query lookup. */
  queries: QueryEntry[] | undefined;
  queriesIndex: ReadonlyMap<string, IndexedQueryFile>;
  problems: LoadProblem[];
}

export type CatalogResolution =
  | { ok: true; guide: LoadedGuide; by: 'rule_id' | 'name' }
  | { ok: false; message: string; suggestions: string[] };

/** Directories in precedence order, as for loadLibrary. Reads indexes and file heads; parses nothing. */
export async function openGuideCatalog(dirs: readonly string[]): Promise<GuideCatalog> {
  const shipped = [resolve(shippedGuideDir()), resolve(shippedGuideDir(), 'guides')];
  const opened: CatalogDir[] = [];
  for (const dir of dirs) opened.push(await openDir(dir, shipped.includes(resolve(dir)) ? 'shipped' : dir));
  return { dirs: opened, lookedUp: new Map() };
}

/** The guide for a rule, exactly as resolveGuide would pick it from loadLibrary of the same directories. */
export async function findCatalogGuide(catalog: GuideCatalog, rule: RuleQuery): Promise<CatalogResolution> {
  const ruleId = rule.ruleId?.trim();
  if (!ruleId && !rule.ruleName?.trim()) return noMatch([], rule);
  const entries = catalog.dirs.flatMap((d) => d.guides);
  if (ruleId) {
    const byId = await firstWithId(entries, ruleId);
    if (byId) return { ok: true, guide: byId, by: 'rule_id' };
  }
  // A name (or a miss) depends on every file: know them all, then pick as the resolver does.
  for (const e of entries) await know(e);
  for (;;) {
    const live = entries.filter((e): e is GuideEntry & { keys: RuleKeys } => e.state !== 'invalid' && e.keys !== undefined);
    const found = matchRule(live.map((e) => e.keys), rule);
    const entry = found ? live[found.index] : undefined;
    if (found && entry) {
      const expected = entry.keys;
      if (!entry.loaded) await parseGuide(entry);
      // Loaded, it may turn out invalid or another rule than its index entry or head said: then look again.
      if (entry.loaded && entry.keys !== undefined && sameKeys(entry.keys, expected)) return { ok: true, guide: entry.loaded, by: found.by };
      continue;
    }
    const unsure = live.filter((e) => e.state === 'unknown');
    if (unsure.length === 0) return noMatch(live.map((e) => e.keys), rule);
    for (const e of unsure) await parseGuide(e);
  }
}

/**
 * The first guide, in precedence order, that loads and has this rule_id: files after it are never read. An index
 * entry or a head that names the id is confirmed by loading the file; one that names another id is certain.
 */
async function firstWithId(entries: readonly GuideEntry[], ruleId: string): Promise<LoadedGuide | undefined> {
  const wanted = ruleId.toLowerCase();
  const holds = (e: GuideEntry): boolean => e.state !== 'invalid' && e.keys?.ruleId.trim().toLowerCase() === wanted;
  for (const e of entries) {
    await know(e);
    if (!holds(e)) continue;
    if (!e.loaded) await parseGuide(e);
    if (e.loaded && holds(e)) return e.loaded;
  }
  return undefined;
}

/** The queries with these ids, each from the first directory (and file) that defines it validly. */
export async function loadCatalogQueries(catalog: GuideCatalog, ids: Iterable<string>): Promise<Map<string, Query>> {
  const out = new Map<string, Query>();
  for (const id of new Set(ids)) {
    if (!catalog.lookedUp.has(id)) catalog.lookedUp.set(id, (await findQuery(catalog, id)) ?? null);
    const query = catalog.lookedUp.get(id);
    if (query) out.set(id, query);
  }
  return out;
}

/** Every query id a guide's steps reference, nested steps included. */
export function stepQueryIds(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => [...s.queries, ...stepQueryIds(s.steps)]);
}

/** What the catalog has loaded so far, shaped as a Library: the guides loaded and the queries looked up. */
export function catalogLibrary(catalog: GuideCatalog): Library {
  const problems = catalogProblems(catalog);
  const guides = catalog.dirs.flatMap((d) => d.guides.flatMap((e) => (e.loaded ? [e.loaded] : [])));
  const queryFiles = catalog.dirs.flatMap((d) => (d.queries ?? []).flatMap((e) => (e.query ? [{ query: e.query, source: e.source }] : [])));
  const queries = new Map([...catalog.lookedUp].flatMap(([id, q]) => (q ? [[id, q] as const] : [])));
  return { guides, queries, queryFiles, problems };
}

/**
 * Problems known so far: missing directories, and files that did not load when parsed or when indexed (those
 * checked against their file first). A file not yet parsed and not in an index has none known.
 */
export function catalogProblems(catalog: GuideCatalog): LoadProblem[] {
  for (const d of catalog.dirs) for (const e of d.guides) if (e.state === 'invalid') lookAt(e);
  return catalog.dirs.flatMap((d) => [...d.problems, ...d.guides.flatMap((e) => e.problems), ...listQueries(d).flatMap((e) => e.problems)]);
}

async function openDir(dir: string, source: string): Promise<CatalogDir> {
  const layout = await guideDirLayout(dir);
  const opened: CatalogDir = {
    dir,
    source,
    layout,
    index: { used: false, stale: 0 },
    guides: [],
    queries: undefined,
    queriesIndex: new Map(),
    problems: [],
  };
  if (!layout) {
    opened.problems.push({ file: dir, message: 'guide directory does not exist or is not a directory' });
    return opened;
  }
  const index = readGuideIndex(dir, layout);
  opened.index.used = index !== undefined;
  opened.queriesIndex = new Map((index?.queryFiles ?? []).map((e) => [e.name, e]));
  const indexed = new Map((index?.guideFiles ?? []).map((e) => [e.name, e]));
  const path = childPath(layout.guidesDir);
  for (const name of list(layout.guidesDir, GUIDE_FILE, opened.problems)) {
    const entry = indexed.get(name);
    opened.guides.push(guideEntry(path(name), source, opened.index, entry ? { dir, entry } : undefined));
  }
  return opened;
}

function listQueries(d: CatalogDir): QueryEntry[] {
  if (d.queries !== undefined) return d.queries;
  const folder = d.layout?.queriesDir;
  const listed =
    folder === undefined
      ? { entries: [], stale: 0 }
      : queryEntries(list(folder, QUERY_FILE, d.problems), childPath(folder), { dir: d.dir, source: d.source, index: d.queriesIndex });
  d.index.stale += listed.stale;
  d.queries = listed.entries;
  return d.queries;
}

async function findQuery(catalog: GuideCatalog, id: string): Promise<Query | undefined> {
  for (const d of catalog.dirs) {
    for (const e of listQueries(d)) {
      if (e.state === 'invalid' || (e.id !== undefined && e.id !== id)) continue;
      if (!e.query) await parseQuery(e);
      if (e.query?.id === id) return e.query;
    }
  }
  return undefined;
}

function sameKeys(a: RuleKeys, b: RuleKeys): boolean {
  return a.ruleId === b.ruleId && a.names.length === b.names.length && a.names.every((n, i) => n === b.names[i]);
}

/** join(folder, name) for the plain names a directory lists, without normalising the folder once per file. */
function childPath(folder: string): (name: string) => string {
  const base = normalize(folder);
  if (base === '.' || base === './') return (name) => name;
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return (name) => `${prefix}${name}`;
}

function list(folder: string, pattern: RegExp, problems: LoadProblem[]): string[] {
  try {
    return listFolder(folder, pattern);
  } catch (err) {
    problems.push({ file: folder, message: `cannot read: ${errorText(err)}` });
    return [];
  }
}
