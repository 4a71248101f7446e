import type { Database } from 'sql.js';
import type { Row } from '../engine/types.js';
import type { Flag } from '../guide/model.js';
import type { Finding } from './model.js';
import { openScratchDatabase } from '../sql/scratch-db.js';
import { codeTokens, identifierName } from '../sql/tokenize.js';
import { registerFlagFunctions, type FlagContext } from './flag-functions.js';

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
 * prints them), and mark rows whose time columns fall near the alert. Flags may call the functions of
 * flag-functions.ts (the alert's time, the host's package records).
 */
export async function evaluateFindings(
  flags: Flag[],
  columns: string[],
  rows: Row[],
  context: FlagContext = {},
  windowSeconds = DEFAULT_WINDOW_SECONDS,
): Promise<Evaluation> {
  const nearAlert = rowsNearAlert(columns, rows, context.alertTime, windowSeconds);
  if (flags.length === 0 || rows.length === 0) return { findings: [], nearAlert, errors: [] };
  const db = await openScratchDatabase();
  try {
    registerFlagFunctions(db, context);
    loadRows(db, columns, rows);
    const findings: Finding[] = [];
    const errors: string[] = [];
    for (const flag of flags) {
      try {
        const shown = shownExpressions(flag, columns);
        const select = shown.map((s) => s.sql).join(', ');
        const matched = db.exec(`SELECT __row${select ? `, ${select}` : ''} FROM result WHERE (${flag.when}\n) ORDER BY __row`);
        const values = (matched[0]?.values ?? []).map((v) => ({
          row: Number(v[0]),
          shown: Object.fromEntries(shown.map((s, i) => [s.name, cellText(v[i + 1])])),
        }));
        if (values.length > 0) findings.push(finding(flag, values));
      } catch (err) {
        errors.push(`flag ${JSON.stringify(flag.when)} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { findings, nearAlert, errors };
  } finally {
    db.close();
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
}

function finding(flag: Flag, matched: { row: number; shown: Record<string, string> }[]): Finding {
  const seen = new Set<string>();
  const values: Record<string, string>[] = [];
  for (const m of matched) {
    const key = JSON.stringify(Object.values(m.shown));
    if (seen.has(key)) continue;
    seen.add(key);
    if (values.length < MAX_FINDING_VALUES) values.push(m.shown);
  }
  const more = seen.size - values.length;
  return {
    severity: flag.severity,
    reason: flag.reason,
    when: flag.when,
    rows: matched.map((m) => m.row),
    values,
    ...(more > 0 ? { moreValues: more } : {}),
  };
}

/** One shown value: the SQL that computes it over a result row, and the name it is shown under. */
export interface ShownExpression {
  name: string;
  sql: string;
}

/**
 * What a flag shows of each matched row: its `show` list (result columns, or `expression AS name`), else the result
 * columns its condition reads, else the first column.
 */
export function shownExpressions(flag: Flag, columns: string[]): ShownExpression[] {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const column = (c: string): ShownExpression => ({ name: c, sql: quoteIdentifier(c) });
  if (flag.show) {
    return flag.show.flatMap((item) => {
      const named = /^([\s\S]+?)\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(item);
      if (named) return [{ name: named[2] as string, sql: `(${named[1] as string})` }];
      const c = byLower.get(item.toLowerCase());
      return c === undefined ? [] : [column(c)];
    });
  }
  const read = codeTokens(flag.when)
    .filter((t) => t.kind === 'identifier' || t.kind === 'quoted-identifier')
    .map((t) => byLower.get(identifierName(t).toLowerCase()))
    .filter((c): c is string => c !== undefined);
  const found = [...new Set(read)];
  return (found.length > 0 ? found : columns.slice(0, 1)).map(column);
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

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function loadRows(db: Database, columns: string[], rows: Row[]): void {
  const names = [...new Set(columns)];
  const quoted = names.map((c) => `${quoteIdentifier(c)} TEXT`);
  db.run(`CREATE TABLE result (__row INTEGER, ${quoted.join(', ')})`);
  const insert = db.prepare(`INSERT INTO result VALUES (?${', ?'.repeat(names.length)})`);
  db.run('BEGIN');
  rows.forEach((row, i) => insert.run([i, ...names.map((c) => (Object.hasOwn(row, c) ? row[c] : undefined) ?? '')]));
  db.run('COMMIT');
  insert.free();
}
