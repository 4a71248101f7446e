import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { GuideDirLayout } from './layout.js';
import { packageRoot, packageVersion } from './paths.js';

/**
 * The guide index a directory may keep (written by `guides import` and `guides index`): for every guide file its
 * rule_id and names, or the problems loading it reported; for every query file its id or problems. Each entry
 * carries the file's size, mtime, ctime and inode, so a file changed since is noticed and read afresh; an index
 * that is missing, unreadable, malformed, from another version or for another layout is not used at all. Reading
 * it needs neither the YAML parser nor the schema.
 *
 * Beside it, the data file keeps what parsing and checking each loaded file gave, as JSON, each record carrying the
 * sha256 of the file it came from: a lookup reads the record of the one guide it picks instead of parsing it, once
 * the file's bytes hash to that value. The index names the code that made it (schema fingerprint), so records made
 * by other code are never used.
 */
export const INDEX_FILE = '.osq-triage-index.json';
export const INDEX_DATA_FILE = '.osq-triage-index.data';
export const INDEX_FORMAT = 'osq-triage-guide-index/2';

/** What identifies a file's content without reading it. ctime cannot be set by hand, unlike mtime. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface IndexedFile extends FileStamp {
  /** File name within the guides (or queries) folder. */
  name: string;
  /**
   * Present when the file changed within a clock tick of the build: a later change could then keep the same
   * stamp, so the content itself is compared before the entry is trusted.
   */
  sha256?: string;
  /** What loading the file reported, when it did not load. */
  problems?: string[];
  /** Where the data file keeps this file's record: byte offset and length. */
  data?: [number, number];
}

export interface IndexedGuideFile extends IndexedFile {
  /** For a guide that loaded: its rule_id and names (in the order of LANGUAGES). */
  ruleId?: string;
  names?: string[];
}

export interface IndexedQueryFile extends IndexedFile {
  id?: string;
}

export interface GuideIndex {
  format: typeof INDEX_FORMAT;
  /** Fingerprint of the code that wrote it (see indexSchema): other code may read guides differently. */
  schema: string;
  /** Milliseconds since the epoch, taken before the first file was read. */
  builtAt: number;
  /** The layout it was built for, relative to the directory. */
  guides: string;
  queries: string | null;
  guideFiles: IndexedGuideFile[];
  queryFiles: IndexedQueryFile[];
}

export function stampOf(stats: Stats): FileStamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether a file's stamp could stay the same across a change made after it was read at `readAt`: true when it was
 * last changed within a timestamp tick of that (2 s where the file system keeps whole seconds, else 50 ms, well
 * above a kernel clock tick).
 */
export function isRacy(stamp: FileStamp, readAt: number): boolean {
  const tick = stamp.ctimeMs % 1000 === 0 && stamp.mtimeMs % 1000 === 0 ? 2000 : 50;
  return Math.max(stamp.ctimeMs, stamp.mtimeMs) >= readAt - tick;
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Modules whose code decides what an index says: the schema, the parsers and the index builder. */
const SCHEMA_MODULES = ['model', 'load', 'query-file', 'resolve', 'index-build'];
let cachedSchema: string | undefined;

/** A fingerprint of this package's version, the schema and parser code (as installed), and zod's and yaml's versions. */
export function indexSchema(): string {
  if (cachedSchema !== undefined) return cachedSchema;
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const parts = [packageVersion()];
  try {
    for (const name of SCHEMA_MODULES) parts.push(readFileSync(new URL(`./${name}${ext}`, import.meta.url), 'utf8'));
  } catch {
    // Code that cannot be read cannot be compared: a value no index has, so none is used.
    parts.push(`unreadable ${process.pid} ${Date.now()} ${Math.random()}`);
  }
  for (const lib of ['zod', 'yaml']) parts.push(`${lib} ${dependencyVersion(lib)}`);
  cachedSchema = sha256Hex(parts.join('\u0000'));
  return cachedSchema;
}

/** A dependency's version from the node_modules nearest above the package root (require.resolve costs milliseconds). */
function dependencyVersion(name: string): string {
  for (let dir = packageRoot(); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown };
      return String(manifest.version);
    } catch {
      if (dirname(dir) === dir) return 'unknown';
    }
  }
}

/** The layout as the index records it. */
export function layoutKey(dir: string, layout: GuideDirLayout): { guides: string; queries: string | null } {
  return { guides: relative(dir, layout.guidesDir), queries: layout.queriesDir === undefined ? null : relative(dir, layout.queriesDir) };
}

/**
 * The directory's index when it is one this version wrote for this layout; undefined for anything else. Entries
 * still have to be checked against the files (see entryIsCurrent).
 */
export function readGuideIndex(dir: string, layout: GuideDirLayout): GuideIndex | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const index = asGuideIndex(data);
  if (!index || index.schema !== indexSchema()) return undefined;
  const key = layoutKey(dir, layout);
  return index.guides === key.guides && index.queries === key.queries ? index : undefined;
}

/** Whether an entry still describes the file with these stats (and, for a racy entry, this content). */
export function entryIsCurrent(entry: FileStamp & { sha256?: string }, stats: Stats, file: string): boolean {
  if (!sameStamp(entry, stampOf(stats))) return false;
  if (entry.sha256 === undefined) return true;
  try {
    return sha256Hex(readFileSync(file)) === entry.sha256;
  } catch {
    return false;
  }
}

/**
 * The record the data file keeps for a file whose content hashes to `sha256`, when there is one and it was made from
 * exactly that content; undefined otherwise (the caller parses the file).
 */
export function readIndexedRecord(dir: string, entry: IndexedFile, sha256: string): Record<string, unknown> | undefined {
  if (entry.data === undefined) return undefined;
  const [offset, length] = entry.data;
  let fd: number | undefined;
  try {
    fd = openSync(join(dir, INDEX_DATA_FILE), 'r');
    if (offset + length > fstatSync(fd).size) return undefined;
    const slice = Buffer.alloc(length);
    if (readSync(fd, slice, 0, length, offset) !== length) return undefined;
    const record: unknown = JSON.parse(slice.toString('utf8'));
    return isRecord(record) && record.sha256 === sha256 ? record : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A shape check by hand: the index is read on the path where the schema library is not loaded. */
function asGuideIndex(data: unknown): GuideIndex | undefined {
  if (!isRecord(data) || data.format !== INDEX_FORMAT || typeof data.schema !== 'string' || !isNumber(data.builtAt)) return undefined;
  if (typeof data.guides !== 'string' || !(typeof data.queries === 'string' || data.queries === null)) return undefined;
  const guideFiles = data.guideFiles;
  const queryFiles = data.queryFiles;
  if (!Array.isArray(guideFiles) || !guideFiles.every(isGuideEntry) || !uniqueNames(guideFiles)) return undefined;
  if (!Array.isArray(queryFiles) || !queryFiles.every(isQueryEntry) || !uniqueNames(queryFiles)) return undefined;
  return data as unknown as GuideIndex;
}

function isGuideEntry(e: unknown): e is IndexedGuideFile {
  if (!isFileEntry(e)) return false;
  const loaded = typeof e.ruleId === 'string' && isStringList(e.names) && e.names.length > 0;
  return loaded ? e.problems === undefined : e.ruleId === undefined && e.names === undefined && e.problems !== undefined;
}

function isQueryEntry(e: unknown): e is IndexedQueryFile {
  if (!isFileEntry(e)) return false;
  return typeof e.id === 'string' ? e.problems === undefined : e.id === undefined && e.problems !== undefined;
}

/** The fields every entry has; the callers check that it holds either what loaded or `problems`. */
function isFileEntry(e: unknown): e is Record<string, unknown> {
  if (!isRecord(e) || typeof e.name !== 'string' || e.name === '' || e.name.includes('/')) return false;
  if (!isNumber(e.size) || !isNumber(e.mtimeMs) || !isNumber(e.ctimeMs) || !isNumber(e.ino)) return false;
  if (e.sha256 !== undefined && !(typeof e.sha256 === 'string' && e.sha256.length === 64)) return false;
  if (e.data !== undefined && !(Array.isArray(e.data) && e.data.length === 2 && e.data.every((n) => Number.isSafeInteger(n) && n >= 0))) return false;
  return e.problems === undefined || (isStringList(e.problems) && e.problems.length > 0);
}

function uniqueNames(entries: readonly { name: string }[]): boolean {
  return new Set(entries.map((e) => e.name)).size === entries.length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
