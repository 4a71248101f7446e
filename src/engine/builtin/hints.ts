/**
 * From the statement's constraint hints to each table's `constraints`: the order tables are built in (a table
 * whose values come from another table or a subquery waits for it), and the values those sources give.
 */
import type { ConstraintHint, ValueSource } from '../../sql/constraints.js';
import { referencedTables } from '../../sql/tables.js';
import { quoteIdentifier } from './materialise.js';
import type { SqliteDb } from './sqlite.js';
import type { Constraint, TableSpec } from './table.js';

export type SourceState = 'ready' | 'waiting' | 'unusable';

/** Whether a hint's value source can be read now, must wait for a table, or can never help. */
export function sourceState(source: ValueSource, self: string, known: ReadonlySet<string>, built: ReadonlySet<string>): SourceState {
  const tables = source.kind === 'column' ? [source.table] : referencedTables(source.sql).filter((t) => known.has(t));
  if (tables.includes(self)) return 'unusable';
  if (source.kind === 'column' && !known.has(source.table)) return 'unusable';
  return tables.every((t) => built.has(t)) ? 'ready' : 'waiting';
}

/** The next table to build: one whose sources are all readable; failing that, one that needs no constraint. */
export function nextTable(
  pending: readonly string[],
  hints: ReadonlyMap<string, ConstraintHint[]>,
  specs: ReadonlyMap<string, TableSpec>,
  built: ReadonlySet<string>,
): string | undefined {
  const known = new Set(specs.keys());
  const waits = (table: string): boolean =>
    (hints.get(table) ?? []).some((h) => h.sources.some((s) => sourceState(s, table, known, built) === 'waiting'));
  return (
    pending.find((t) => !waits(t)) ??
    pending.find((t) => !(specs.get(t)?.columns.some((c) => c.required) ?? false)) ??
    pending[0]
  );
}

/**
 * A table's constraints, its hints' sources read from the tables built so far. A hint with a source that
 * cannot be read is dropped whole (its value list would be incomplete). Returns null when some hint leaves no
 * value at all: no row of the table can be used, so it need not be generated.
 */
export function resolveConstraints(
  db: SqliteDb,
  spec: TableSpec,
  hints: readonly ConstraintHint[],
  specs: ReadonlyMap<string, TableSpec>,
  built: ReadonlySet<string>,
): Constraint[] | null {
  const known = new Set(specs.keys());
  const self = spec.name.toLowerCase();
  const constraints: Constraint[] = [];
  for (const hint of hints) {
    const column = spec.columns.find((c) => c.name.toLowerCase() === hint.column);
    if (!column) continue;
    if (hint.sources.some((s) => sourceState(s, self, known, built) !== 'ready')) continue;
    let values = [...hint.values];
    let readable = hint.sources.length === 0 || values.length > 0;
    let failed = false;
    for (const source of hint.sources) {
      const fetched = fetchValues(db, source, specs);
      if (fetched === 'no-column') continue;
      if (fetched === null) {
        failed = true;
        break;
      }
      readable = true;
      values.push(...fetched);
    }
    if (failed || !readable) continue;
    const numeric = column.type !== 'TEXT' && hint.op !== 'LIKE';
    values = [...new Set(numeric ? values.map(canonicalNumber) : values)];
    if (values.length === 0) return null;
    constraints.push({ column: column.name, op: hint.op === 'LIKE' ? 'LIKE' : values.length === 1 ? '=' : 'IN', values });
  }
  return constraints;
}

/** Distinct non-NULL values of a source; 'no-column' when its table lacks the column; null when it fails. */
function fetchValues(db: SqliteDb, source: ValueSource, specs: ReadonlyMap<string, TableSpec>): string[] | 'no-column' | null {
  let sql: string;
  if (source.kind === 'column') {
    const spec = specs.get(source.table);
    const column = spec?.columns.find((c) => c.name.toLowerCase() === source.column);
    if (!spec || !column) return 'no-column';
    sql = `SELECT DISTINCT ${quoteIdentifier(column.name)} FROM ${quoteIdentifier(spec.name)}`;
  } else {
    sql = source.sql;
  }
  try {
    const result = db.query(sql);
    return result.rows.map((r) => r[0]).filter((v): v is string => v !== null && v !== undefined);
  } catch {
    // A correlated subquery cannot run on its own: its hint is dropped.
    return null;
  }
}

/** How SQLite's numeric affinity reads a literal compared with a numeric column: '0012' and '12.0' are 12. */
export function canonicalNumber(value: string): string {
  const text = value.trim();
  if (/^[+-]?\d+$/.test(text)) return BigInt(text).toString();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) {
    const n = Number(text);
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
    return String(n);
  }
  return value;
}
