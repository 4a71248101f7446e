import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Row } from '../engine/types.js';
import type { Session } from '../triage/model.js';
import type { RunRows } from './model.js';

/**
 * The rows of every finished run, read back from the bundle's results/ files. A file that is missing or unreadable
 * becomes a note in the report, never a failed export: the rest of the evidence still deserves a report.
 */
export async function loadRunRows(dir: string, session: Session): Promise<Map<string, RunRows>> {
  const out = new Map<string, RunRows>();
  for (const query of session.queries) {
    for (const run of query.runs) {
      if (run.resultFile === undefined) continue;
      out.set(run.key, await readRowsFile(dir, run.resultFile));
    }
  }
  return out;
}

export async function readRowsFile(dir: string, file: string): Promise<RunRows> {
  if (!insideBundle(file)) return { unavailable: `${file} is not a path inside the bundle` };
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (err) {
    return { unavailable: `${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}` };
  }
  try {
    const data = JSON.parse(text) as { columns?: unknown; rows?: unknown };
    if (!Array.isArray(data.columns) || !Array.isArray(data.rows)) return { unavailable: `${file} has no columns/rows` };
    return { columns: data.columns.map(String), rows: data.rows as Row[] };
  } catch {
    return { unavailable: `${file} is not valid JSON` };
  }
}

/** A relative path that stays inside the bundle directory. */
export function insideBundle(file: string): boolean {
  if (file === '' || isAbsolute(file) || file.includes('\0')) return false;
  const clean = normalize(file);
  return clean !== '..' && !clean.startsWith(`..${sep}`);
}
