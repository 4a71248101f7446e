import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { parseQueryFile, serializeQueryFile } from '../query-file.js';
import type { Query } from '../model.js';
import type { SourceFormat, SourceText } from './import.js';
import type { ImportResult, SourceError } from './types.js';

const FORMATS: Record<string, SourceFormat> = { '.toml': 'toml', '.ndjson': 'ndjson', '.md': 'md' };

export interface CollectedSources {
  sources: SourceText[];
  /** Arguments or files that could not be read, or a named file of an unknown kind. */
  errors: SourceError[];
}

/**
 * The import sources named on the command line: files as given, directories walked for *.toml, *.ndjson and *.md
 * (hidden entries, node_modules and symbolic links inside them are not followed). Sorted, so an import is repeatable.
 */
export async function collectSources(args: string[]): Promise<CollectedSources> {
  const sources: SourceText[] = [];
  const errors: SourceError[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      errors.push({ file: arg, message: reason(err) });
      continue;
    }
    const files = info.isDirectory() ? (await walk(arg, errors)).sort() : [arg];
    for (const path of files) {
      const format = FORMATS[extname(path).toLowerCase()];
      if (!format) {
        errors.push({ file: path, message: 'not a .toml, .ndjson or .md file' });
        continue;
      }
      try {
        const text = await readFile(path, 'utf8');
        const file = info.isDirectory() ? relative(arg, path) : basename(path);
        sources.push({ format, file, path, text });
      } catch (err) {
        errors.push({ file: path, message: reason(err) });
      }
    }
  }
  return { sources, errors };
}

async function walk(dir: string, errors: SourceError[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ file: dir, message: reason(err) });
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path, errors)));
    else if (e.isFile() && FORMATS[extname(e.name).toLowerCase()]) out.push(path);
  }
  return out;
}

/** Queries already in DIR/queries (from an earlier import), so ids stay stable and are never given twice. */
export async function readExistingQueries(dir: string): Promise<Query[]> {
  const queriesDir = join(dir, 'queries');
  let names: string[];
  try {
    names = (await readdir(queriesDir)).filter((n) => n.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  const out: Query[] = [];
  for (const name of names) {
    const file = join(queriesDir, name);
    const parsed = parseQueryFile(await readFile(file, 'utf8'), file);
    if (parsed.ok) out.push(parsed.query);
  }
  return out;
}

/** Write DIR/guides/<slug>.yaml and DIR/queries/<id>.sql (each via a temporary file and rename). */
export async function writeImport(result: ImportResult, dir: string): Promise<void> {
  await mkdir(join(dir, 'guides'), { recursive: true });
  await mkdir(join(dir, 'queries'), { recursive: true });
  for (const { guide, fileName } of result.guides) {
    const header = `# Imported from ${oneLine(guide.origin?.file ?? 'an Elastic rule')}; edit the source rule, not this file.\n`;
    await writeAtomic(join(dir, 'guides', fileName), header + stringifyYaml(guide, { lineWidth: 0 }));
  }
  for (const { fileName, usedBy: _usedBy, ...query } of result.queries) {
    await writeAtomic(join(dir, 'queries', fileName), serializeQueryFile(query));
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function reason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
