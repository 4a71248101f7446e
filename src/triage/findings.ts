import type { Database } from 'sql.js';
import type { Row } from '../engine/types.js';
import type { Flag } from '../guide/model.js';
import type { Finding } from './model.js';
import { openScratchDatabase } from '../sql/scratch-db.js';
import { codeTokens, identifierName } from '../sql/tokenize.js';

/** Columns osquery fills with epoch seconds. */
export const TIME_COLUMNS = ['mtime', 'ctime', 'btime', 'atime', 'start_time', 'time'];
export const DEFAULT_WINDOW_SECONDS = 30 * 60;
/** Distinct value sets a finding keeps; the rows themselves stay in the result file. */
export const MAX_FINDING_VALUES = 20;

export interface Evaluation {
  findings: Finding[];
  nearAlert: number[];
  /** A flag that failed to evaluate (bad SQL in a guide): reported, never fatal. */
  errors: string[];
}

/**
 * Evaluate a query's flags over the rows it returned, in an in-memory SQLite holding the rows as TEXT (as osqueryi
 * prints them), and mark rows whose time columns fall near the alert.
 */
export async function evaluateFindings(
  flags: Flag[],
  columns: string[],
  rows: Row[],
  alertTime: string | undefined,
  windowSeconds = DEFAULT_WINDOW_SECONDS,
): Promise<Evaluation> {
  const nearAlert = rowsNearAlert(columns, rows, alertTime, windowSeconds);
  if (flags.length === 0 || rows.length === 0) return { findings: [], nearAlert, errors: [] };
  const db = await openScratchDatabase();
  try {
    loadRows(db, columns, rows);
    const findings: Finding[] = [];
    const errors: string[] = [];
    for (const flag of flags) {
      try {
        const matched = db.exec(`SELECT __row FROM result WHERE (${flag.when}) ORDER BY __row`);
        const indexes = (matched[0]?.values ?? []).map((v) => Number(v[0]));
        if (indexes.length > 0) findings.push(finding(flag, columns, rows, indexes));
      } catch (err) {
        errors.push(`flag ${JSON.stringify(flag.when)} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { findings, nearAlert, errors };
  } finally {
    db.close();
  }
}

function finding(flag: Flag, columns: string[], rows: Row[], indexes: number[]): Finding {
  const shown = shownColumns(flag, columns);
  const seen = new Set<string>();
  const values: Record<string, string>[] = [];
  for (const i of indexes) {
    const row = rows[i];
    if (!row) continue;
    const picked: Record<string, string> = {};
    for (const c of shown) picked[c] = row[c] ?? '';
    const key = JSON.stringify(shown.map((c) => picked[c]));
    if (seen.has(key)) continue;
    seen.add(key);
    if (values.length < MAX_FINDING_VALUES) values.push(picked);
  }
  const more = seen.size - values.length;
  return { severity: flag.severity, reason: flag.reason, when: flag.when, rows: indexes, values, ...(more > 0 ? { moreValues: more } : {}) };
}

/** The columns that say what a flag fired on: its own `show` list, else the result columns its condition reads. */
export function shownColumns(flag: Flag, columns: string[]): string[] {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const pick = (names: string[]): string[] => [...new Set(names.map((n) => byLower.get(n.toLowerCase())).filter((c): c is string => c !== undefined))];
  if (flag.show) return pick(flag.show);
  const read = codeTokens(flag.when)
    .filter((t) => t.kind === 'identifier' || t.kind === 'quoted-identifier')
    .map((t) => identifierName(t));
  const found = pick(read);
  return found.length > 0 ? found : columns.slice(0, 1);
}

/** Row indexes whose time columns hold an epoch within the window around the alert's time. */
export function rowsNearAlert(columns: string[], rows: Row[], alertTime: string | undefined, windowSeconds = DEFAULT_WINDOW_SECONDS): number[] {
  if (!alertTime) return [];
  const center = Date.parse(alertTime) / 1000;
  if (!Number.isFinite(center)) return [];
  const timeColumns = columns.filter((c) => TIME_COLUMNS.includes(c));
  if (timeColumns.length === 0) return [];
  const near: number[] = [];
  rows.forEach((row, i) => {
    for (const column of timeColumns) {
      const value = row[column];
      if (value === undefined || !/^\d+$/.test(value)) continue;
      const epoch = Number(value);
      if (epoch > 0 && Math.abs(epoch - center) <= windowSeconds) {
        near.push(i);
        return;
      }
    }
  });
  return near;
}

function loadRows(db: Database, columns: string[], rows: Row[]): void {
  const names = [...new Set(columns)];
  const quoted = names.map((c) => `"${c.replaceAll('"', '""')}" TEXT`);
  db.run(`CREATE TABLE result (__row INTEGER, ${quoted.join(', ')})`);
  const insert = db.prepare(`INSERT INTO result VALUES (?${', ?'.repeat(names.length)})`);
  db.run('BEGIN');
  rows.forEach((row, i) => insert.run([i, ...names.map((c) => row[c] ?? '')]));
  db.run('COMMIT');
  insert.free();
}
