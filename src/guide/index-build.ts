import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  entryIsCurrent,
  INDEX_DATA_FILE,
  INDEX_FILE,
  INDEX_FORMAT,
  indexSchema,
  isRacy,
  layoutKey,
  readGuideIndex,
  sameStamp,
  sha256Hex,
  stampOf,
  type FileStamp,
  type GuideIndex,
  type IndexedGuideFile,
  type IndexedQueryFile,
} from './index-file.js';
import { guideDirLayout, GUIDE_FILE, listFolder, QUERY_FILE } from './layout.js';
import { parseGuideFile } from './load.js';
import { parseQueryFile } from './query-file.js';
import { guideKeysOf } from './resolve.js';

export type IndexWrite =
  | { ok: true; file: string; guides: number; queries: number; parsed: number }
  | { ok: false; message: string };

export interface BuiltIndex {
  index: GuideIndex;
  /** The data file's content: one JSON record per loaded file, at the offsets the index gives. */
  data: Buffer;
  /** How many files were parsed (the others were still described by the previous index). */
  parsed: number;
}

export interface IndexOptions {
  /** The build time (ms since the epoch) that decides which files changed too recently to trust their stamp. */
  now?: number;
}

/** What a file's entry says about it, beside its name and stamp. */
type Facts = { problems: string[] } | { keys: Record<string, unknown>; record: Record<string, unknown> };
type Describe = (bytes: Buffer, file: string) => Facts;

/**
 * Build a directory's guide index: every guide and query file parsed and checked as the loader does, except files
 * whose entry in the current index still matches them. A file that changes while it is read is left out (a lookup
 * then reads it itself).
 */
export async function buildGuideIndex(dir: string, options: IndexOptions = {}): Promise<BuiltIndex | undefined> {
  const layout = await guideDirLayout(dir);
  if (!layout) return undefined;
  const previous = readGuideIndex(dir, layout);
  const oldData = previous ? readOrEmpty(join(dir, INDEX_DATA_FILE)) : Buffer.alloc(0);
  const builtAt = options.now ?? Date.now();
  const chunks: Buffer[] = [];
  let size = 0;
  let parsed = 0;
  const append = (record: Buffer): [number, number] => {
    const at: [number, number] = [size, record.length];
    chunks.push(record, Buffer.from('\n'));
    size += record.length + 1;
    return at;
  };

  const indexFolder = <T extends IndexedGuideFile | IndexedQueryFile>(
    folder: string | undefined,
    pattern: RegExp,
    old: readonly T[],
    facts: Describe,
  ): T[] => {
    const entries: T[] = [];
    const before = new Map(old.map((e) => [e.name, e]));
    for (const name of folder === undefined ? [] : listFolder(folder, pattern)) {
      const file = join(folder as string, name);
      const kept = reuse(before.get(name), file, oldData);
      if (kept) {
        const { data, ...rest } = kept.entry;
        entries.push({ ...rest, ...(kept.record ? { data: append(kept.record) } : {}) } as T);
        continue;
      }
      const read = readStable(file);
      if (!read) continue;
      parsed++;
      const hash = sha256Hex(read.bytes);
      const found = facts(read.bytes, file);
      const entry = { name, ...read.stamp, ...(isRacy(read.stamp, builtAt) ? { sha256: hash } : {}) };
      if ('problems' in found) entries.push({ ...entry, problems: found.problems } as T);
      else {
        const record = Buffer.from(JSON.stringify({ sha256: hash, ...found.record }));
        entries.push({ ...entry, ...found.keys, data: append(record) } as T);
      }
    }
    return entries;
  };

  const describeGuide: Describe = (bytes, file) => guideFacts(bytes, file, dir);
  const guideFiles = indexFolder<IndexedGuideFile>(layout.guidesDir, GUIDE_FILE, previous?.guideFiles ?? [], describeGuide);
  const queryFiles = indexFolder<IndexedQueryFile>(layout.queriesDir, QUERY_FILE, previous?.queryFiles ?? [], queryFacts);
  const index: GuideIndex = { format: INDEX_FORMAT, schema: indexSchema(), builtAt, ...layoutKey(dir, layout), guideFiles, queryFiles };
  return { index, data: Buffer.concat(chunks), parsed };
}

/**
 * Build the index and write it into the directory: the data file first, then the index, each through a temporary
 * file and a rename. A reader between the two renames finds records that do not match and parses instead.
 */
export async function writeGuideIndex(dir: string, options: IndexOptions = {}): Promise<IndexWrite> {
  let built: BuiltIndex | undefined;
  try {
    built = await buildGuideIndex(dir, options);
  } catch (err) {
    return { ok: false, message: `cannot index ${dir}: ${errorText(err)}` };
  }
  if (!built) return { ok: false, message: `${dir} is not a guide directory` };
  const file = join(dir, INDEX_FILE);
  try {
    replaceFile(join(dir, INDEX_DATA_FILE), built.data);
    replaceFile(file, Buffer.from(`${JSON.stringify(built.index)}\n`));
  } catch (err) {
    return { ok: false, message: `cannot write ${file}: ${errorText(err)}` };
  }
  return { ok: true, file, guides: built.index.guideFiles.length, queries: built.index.queryFiles.length, parsed: built.parsed };
}

function replaceFile(path: string, content: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * An entry of the previous index that still describes its file and need not be checked again later, with its
 * record copied from the previous data file.
 */
function reuse<T extends IndexedGuideFile | IndexedQueryFile>(
  entry: T | undefined,
  file: string,
  oldData: Buffer,
): { entry: T; record?: Buffer } | undefined {
  if (!entry || entry.sha256 !== undefined) return undefined;
  try {
    if (!entryIsCurrent(entry, statSync(file), file)) return undefined;
  } catch {
    return undefined;
  }
  if (entry.data === undefined) return entry.problems ? { entry } : undefined;
  const [offset, length] = entry.data;
  return offset + length <= oldData.length ? { entry, record: oldData.subarray(offset, offset + length) } : undefined;
}

/** The file's bytes and the stamp they go with; undefined when unreadable or changing while read. */
function readStable(file: string): { bytes: Buffer; stamp: FileStamp } | undefined {
  try {
    const before = stampOf(statSync(file));
    const bytes = readFileSync(file);
    const stamp = stampOf(statSync(file));
    return sameStamp(before, stamp) ? { bytes, stamp } : undefined;
  } catch {
    return undefined;
  }
}

function guideFacts(bytes: Buffer, file: string, source: string): Facts {
  const loaded = parseGuideFile(bytes, file, source);
  if ('problems' in loaded) return { problems: loaded.problems.map((p) => p.message) };
  const keys = guideKeysOf(loaded.guide);
  return { keys: { ruleId: keys.ruleId, names: [...keys.names] }, record: { guide: loaded.guide.guide } };
}

function queryFacts(bytes: Buffer, file: string): Facts {
  const parsed = parseQueryFile(bytes.toString('utf8'), file);
  if (!parsed.ok) return { problems: parsed.errors };
  const { file: _file, ...query } = parsed.query;
  return { keys: { id: query.id }, record: { query } };
}

function readOrEmpty(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
