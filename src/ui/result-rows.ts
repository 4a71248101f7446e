import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { Row } from '../engine/types.js';

/** A run's rows as the detail pane sees them: in memory, being read from the bundle, absent, or unreadable. */
export type RowsView =
  | { state: 'ready'; columns: string[]; rows: Row[] }
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'error'; message: string };

/**
 * Read results/NN-<query>.json of a resumed session. The path comes from session.json, so it is checked to stay
 * inside the session directory before it is opened.
 */
export async function readResultFile(dir: string, resultFile: string): Promise<RowsView> {
  const full = normalize(join(dir, resultFile));
  if (isAbsolute(resultFile) || !full.startsWith(normalize(dir) + sep)) {
    return { state: 'error', message: `result file ${resultFile} lies outside the session directory` };
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(full, 'utf8'));
  } catch (err) {
    return { state: 'error', message: `cannot read ${resultFile}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (typeof data !== 'object' || data === null) return { state: 'error', message: `${resultFile} is not a result file` };
  const { columns, rows } = data as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(columns) || !Array.isArray(rows)) return { state: 'error', message: `${resultFile} is not a result file` };
  // Values are read through cellValue, which copes with anything a damaged file holds.
  const safeRows = rows.map((r: unknown) => (typeof r === 'object' && r !== null ? (r as Row) : {}));
  return { state: 'ready', columns: columns.map(String), rows: safeRows };
}

/** A cell as text, whatever the row holds (osqueryi prints strings; a hand-edited file may not). */
export function cellValue(row: Row | undefined, column: string): string {
  if (!row || !Object.hasOwn(row, column)) return '';
  const v: unknown = row[column];
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : JSON.stringify(v);
}
