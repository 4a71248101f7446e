import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { guideDirLayout, loadGuideFile, loadLibrary, type Library } from '../guide/load.js';
import { shippedGuideDir } from '../guide/paths.js';
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
      const text = await readFile(file, 'utf8').catch(() => '');
      const keys = guideKeys(text);
      if (keys && keys.ruleId.trim().toLowerCase() !== id && !keys.names.some((n) => normalizeName(n) === name)) continue;
      const loaded = await loadGuideFile(file, source);
      if ('guide' in loaded) lib.guides.push(loaded.guide);
    }
    if (layout.queriesDir === undefined) continue;
    for (const file of await list(layout.queriesDir, /\.sql$/i)) {
      const parsed = parseQueryFile(await readFile(file, 'utf8').catch(() => ''), file);
      if (!parsed.ok) continue;
      lib.queryFiles.push({ query: parsed.query, source });
      if (!lib.queries.has(parsed.query.id)) lib.queries.set(parsed.query.id, parsed.query);
    }
  }
  return lib;
}

/**
 * A guide file's top-level `rule_id` and `name` texts when both are written as simple one-line scalars (plain, or
 * quoted without escapes), the way guides are written by import and by hand; undefined when unsure.
 */
export function guideKeys(text: string): { ruleId: string; names: string[] } | undefined {
  const ruleId = /^rule_id:[ \t]*(.*)$/m.exec(text);
  const name = /^name:[ \t]*(.*)$/m.exec(text);
  if (!ruleId || !name) return undefined;
  const id = scalar(ruleId[1] ?? '', text, ruleId.index + ruleId[0].length);
  if (id === undefined || (name[1] ?? '').trim() !== '') return undefined;
  const names: string[] = [];
  const lines = text.slice(name.index + name[0].length + 1).split('\n');
  let offset = name.index + name[0].length + 1;
  for (const line of lines) {
    if (!/^[ \t]/.test(line) || line.trim() === '') break;
    const m = /^([ \t]+)(?:en|zh-CN|'zh-CN'|"zh-CN"):[ \t]*(.*)$/.exec(line);
    const value = m ? scalar(m[2] ?? '', text, offset + line.length, (m[1] ?? '').length) : undefined;
    if (value === undefined) return undefined;
    names.push(value);
    offset += line.length + 1;
  }
  return names.length > 0 ? { ruleId: id, names } : undefined;
}

/** A one-line scalar's value, or undefined when it is anything YAML could read differently (escapes, folding, flow). */
function scalar(raw: string, text: string, lineEnd: number, indent = 0): string | undefined {
  const next = text.slice(lineEnd + 1, text.indexOf('\n', lineEnd + 1) >>> 0);
  if (new RegExp(`^[ \\t]{${indent + 1},}\\S`).test(next)) return undefined; // continuation line
  const v = raw.trim();
  const dq = /^"([^"\\]*)"$/.exec(v);
  if (dq) return dq[1];
  const sq = /^'((?:[^']|'')*)'$/.exec(v);
  if (sq) return (sq[1] ?? '').replaceAll("''", "'");
  if (v === '' || /^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || / #|:\s|:$/.test(v)) return undefined;
  return v;
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
