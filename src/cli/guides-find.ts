import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { guideDirLayout, loadGuideFile, loadLibrary, type Library } from '../guide/load.js';
import { shippedGuideDir } from '../guide/paths.js';
import type { Step } from '../guide/model.js';
import { parseQueryFile } from '../guide/query-file.js';
import { normalizeName, resolveGuide, type Resolution } from '../guide/resolve.js';

/**
 * Find one guide by rule id or name without parsing every guide of a large library (YAML parsing dominates: about
 * 3 ms a guide). A guide file whose top-level `rule_id` and `name` are simple one-line scalars is matched on those
 * exactly as the resolver compares them; any other file is parsed. The candidates are resolved in the library's
 * precedence order; when none resolves, the full library is loaded, so misses and suggestions are the resolver's own.
 */
export async function findGuide(dirs: string[], wanted: string): Promise<{ resolution: Resolution; lib: Library }> {
  const quick = await candidateLibrary([...dirs, shippedGuideDir()], wanted);
  const resolution = resolveGuide(quick, { ruleId: wanted, ruleName: wanted });
  if (resolution.ok) return { resolution, lib: quick };
  const lib = await loadLibrary([...dirs, shippedGuideDir()]);
  return { resolution: resolveGuide(lib, { ruleId: wanted, ruleName: wanted }), lib };
}

async function candidateLibrary(dirs: string[], wanted: string): Promise<Library> {
  const id = wanted.trim().toLowerCase();
  const name = normalizeName(wanted);
  const lib: Library = { guides: [], queries: new Map(), queryFiles: [], problems: [] };
  const shipped = resolve(shippedGuideDir());
  for (const dir of dirs) {
    const layout = await guideDirLayout(dir);
    if (!layout) continue;
    const source = resolve(dir) === shipped ? 'shipped' : dir;
    for (const file of await list(layout.guidesDir, /\.ya?ml$/i)) {
      const head = readHead(file);
      const keys = guideKeys(head.text, head.complete) ?? (head.complete ? undefined : guideKeys(readText(file)));
      if (keys && keys.ruleId.trim().toLowerCase() !== id && !keys.names.some((n) => normalizeName(n) === name)) continue;
      const loaded = await loadGuideFile(file, source);
      if ('guide' in loaded) lib.guides.push(loaded.guide);
    }
  }
  // Only the queries the candidates use are parsed; a file whose header id is not plain is parsed too.
  const wantedIds = new Set(lib.guides.flatMap((g) => stepQueries(g.guide.steps)));
  for (const dir of dirs) {
    const layout = await guideDirLayout(dir);
    if (layout?.queriesDir === undefined) continue;
    const source = resolve(dir) === shipped ? 'shipped' : dir;
    for (const file of await list(layout.queriesDir, /\.sql$/i)) {
      const text = readText(file);
      const header = /^id:[ \t]*([a-z0-9][a-z0-9-]*)[ \t]*$/m.exec(text.slice(0, text.indexOf('*/') >>> 0));
      if (header && !wantedIds.has(header[1] ?? '')) continue;
      const parsed = parseQueryFile(text, file);
      if (!parsed.ok) continue;
      lib.queryFiles.push({ query: parsed.query, source });
      if (!lib.queries.has(parsed.query.id)) lib.queries.set(parsed.query.id, parsed.query);
    }
  }
  return lib;
}

/**
 * A guide file's top-level `rule_id` and `name` texts when both are written as simple scalars (plain, possibly folded
 * over several lines, or quoted on one line without escapes), the way guides are written by import and by hand;
 * undefined when unsure.
 */
export function guideKeys(text: string, complete = true): { ruleId: string; names: string[] } | undefined {
  const ruleId = /^rule_id:[ \t]*(.*)$/m.exec(text);
  const name = /^name:[ \t]*$/m.exec(text);
  if (!ruleId || !name) return undefined;
  const id = scalar(ruleId[1] ?? '', linesAfter(text, ruleId.index, complete), 0);
  if (id === undefined) return undefined;
  const names: string[] = [];
  const block = linesAfter(text, name.index, complete);
  for (let i = 0; i < block.length; i++) {
    const line = block[i] as string;
    if (line.trim() === '') continue;
    if (!/^[ \t]/.test(line)) return names.length > 0 ? { ruleId: id.text, names } : undefined;
    const m = /^([ \t]+)(?:en|zh-CN|'zh-CN'|"zh-CN"):[ \t]*(.*)$/.exec(line);
    const value = m ? scalar(m[2] ?? '', block.slice(i + 1), (m[1] ?? '').length) : undefined;
    if (value === undefined) return undefined;
    names.push(value.text);
    i += value.lines;
  }
  return undefined; // the block may go on past what was read
}

const LOOKAHEAD = 12;
/** Stands for the end of the text: a line at the margin, so nothing continues past it. */
const END_OF_TEXT = '\u0000';

/**
 * The (at most LOOKAHEAD) lines after the one holding `index`. Fewer only when the text ends: then a complete text
 * gets an end marker, while the cut-off last line of a partial one is dropped (what follows is unknown).
 */
function linesAfter(text: string, index: number, complete: boolean): string[] {
  const lines: string[] = [];
  let at = text.indexOf('\n', index);
  while (at >= 0 && lines.length < LOOKAHEAD) {
    const end = text.indexOf('\n', at + 1);
    if (end < 0 && !complete) break;
    lines.push(text.slice(at + 1, end < 0 ? text.length : end).replace(/\r$/, ''));
    at = end;
  }
  if (lines.length < LOOKAHEAD && complete) lines.push(END_OF_TEXT);
  return lines;
}

/**
 * A scalar's value and how many continuation lines it took, or undefined when YAML could read it differently
 * (escapes, quoted over lines, flow collections, tags, anchors, comments, block scalars, blank-line folding).
 */
function scalar(raw: string, next: string[], indent: number): { text: string; lines: number } | undefined {
  const deeper = (line: string): boolean => {
    const width = line.length - line.trimStart().length;
    return width > indent && width < line.length && /^[ \t]*$/.test(line.slice(0, width));
  };
  const more: string[] = [];
  let i = 0;
  for (; i < next.length && deeper(next[i] as string); i++) more.push((next[i] as string).trim());
  let j = i;
  while (j < next.length && (next[j] as string).trim() === '') j++;
  if (j === next.length || (j > i && deeper(next[j] as string))) return undefined;
  const v = raw.trim();
  const quoted = /^"([^"\\]*)"$/.exec(v) ?? /^'((?:[^']|'')*)'$/.exec(v);
  if (quoted) return more.length === 0 ? { text: (quoted[1] ?? '').replaceAll("''", "'"), lines: 0 } : undefined;
  const parts = [v, ...more];
  if (v === '' || /^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || parts.some((p) => / #|:\s|:$/.test(p))) return undefined;
  return { text: parts.join(' '), lines: more.length };
}

const HEAD_BYTES = 1024;
const headBuffer = Buffer.alloc(HEAD_BYTES);

/** The start of a file, where guides keep rule_id and name. */
function readHead(file: string): { text: string; complete: boolean } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const n = readSync(fd, headBuffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end decodes to U+FFFD on the last line, which a partial read drops anyway.
    return { text: headBuffer.toString('utf8', 0, n), complete: n < HEAD_BYTES };
  } catch {
    return { text: '', complete: true };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read for scanning: synchronous, since a show command reads thousands of small files and nothing else. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function stepQueries(steps: Step[]): string[] {
  return steps.flatMap((s) => [...s.queries, ...stepQueries(s.steps)]);
}

async function list(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && pattern.test(e.name))
      .map((e) => e.name)
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
