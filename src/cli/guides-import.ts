import { readdir } from 'node:fs/promises';
import { shippedQueriesPath } from '../guide/paths.js';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { collectSources, readExistingQueries, writeImport } from '../guide/import/files.js';
import { importRules } from '../guide/import/import.js';
import { writeGuideIndex } from '../guide/index-build.js';
import type { ImportResult } from '../guide/import/types.js';
import { sanitize } from '../report/terminal-text.js';
import { EXIT, type CliIO } from './io.js';

export const IMPORT_USAGE = 'usage: osq-triage guides import SRC... --to DIR   (SRC: .toml, .ndjson or .md files, or directories of them)';

/** `guides import SRC... --to DIR`: Elastic rules (TOML, Kibana NDJSON exports, markdown notes) into a guide directory. */
export async function importCommand(args: string[], io: CliIO): Promise<number> {
  let to: string | undefined;
  let sources: string[];
  try {
    const parsed = parseArgs({ args, options: { to: { type: 'string' } }, allowPositionals: true, strict: true });
    to = parsed.values.to;
    sources = parsed.positionals;
  } catch (err) {
    return usage(io, firstLine(err));
  }
  if (to === undefined || to === '') return usage(io, 'missing --to DIR');
  if (sources.length === 0) return usage(io, 'name at least one SRC file or directory');
  if (await isNonDirectory(to)) return usage(io, `--to ${to} exists and is not a directory`);

  const collected = await collectSources(sources);
  const unreadableArgs = collected.errors.filter((e) => sources.includes(e.file));
  if (unreadableArgs.length > 0) {
    for (const e of unreadableArgs) io.stderr.write(`osq-triage: cannot read ${safe(e.file)}: ${safe(e.message)}\n`);
    return EXIT.badInput;
  }
  const existing = await readExistingQueries(to);
  const result = importRules(collected.sources, existing, await shippedQueryIds());
  result.errors.unshift(...collected.errors);
  await writeImport(result, to);
  io.stdout.write(importSummary(result, to));
  // The index lets `run` and `guides show` find a guide here without parsing every one.
  const indexed = await writeGuideIndex(to);
  if (!indexed.ok) io.stderr.write(`osq-triage: warning: guide index not written: ${safe(indexed.message)}\n`);
  return result.errors.length > 0 ? EXIT.badInput : EXIT.ok;
}

/** What the import did, for a responder: counts, skip reasons grouped, every warning and error. */
export function importSummary(result: ImportResult, dir: string): string {
  const lines: string[] = [];
  const shared = result.queries.filter((q) => q.usedBy > 1).length;
  lines.push(`imported ${result.guides.length} guides, ${result.queries.length} queries (${shared} shared) into ${safe(dir)}`);
  const groups = new Map<string, string[]>();
  for (const s of result.skipped) groups.set(s.reason, [...(groups.get(s.reason) ?? []), s.file]);
  lines.push(`skipped ${result.skipped.length}${groups.size > 0 ? ':' : ''}`);
  for (const [reason, files] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const examples = files.length <= 3 ? ` (${files.map(safe).join(', ')})` : '';
    lines.push(`  ${String(files.length).padStart(5)}  ${safe(reason)}${examples}`);
  }
  if (result.warnings.length > 0) {
    lines.push(`warnings (${result.warnings.length}):`);
    for (const w of result.warnings) lines.push(`  ${safe(w.file)}${w.rule ? ` (${safe(w.rule)})` : ''}: ${safe(w.message)}`);
  }
  if (result.errors.length > 0) {
    lines.push(`errors (${result.errors.length}):`);
    for (const e of result.errors) lines.push(`  ${safe(e.file)}: ${safe(e.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function isNonDirectory(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function usage(io: CliIO, message: string): number {
  io.stderr.write(`osq-triage guides import: ${message}\n${IMPORT_USAGE}\n`);
  return EXIT.badInput;
}

function safe(text: string): string {
  return sanitize(text);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

/** Ids of the shipped query library (file name = id): an import never takes one. */
async function shippedQueryIds(): Promise<string[]> {
  const names = await readdir(shippedQueriesPath()).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.sql')).map((n) => n.slice(0, -4));
}
