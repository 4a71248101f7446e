/** Turning a table's rows into a real SQLite table the statement can read. */
import type { SqliteDb } from './sqlite.js';
import type { CellValue, Column, TableRow, TableSpec } from './table.js';

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The columns a table gets in this statement's database. A hidden column is there only when the statement names
 * it somewhere: then it is selectable by name, and left out of `SELECT *` otherwise. (A statement that both
 * names a hidden column and uses `*` also sees it in `*`: SQLite tables have no hidden columns of their own.)
 */
export function visibleColumns(spec: TableSpec, namedIdentifiers: ReadonlySet<string>): Column[] {
  return spec.columns.filter((c) => !c.hidden || namedIdentifiers.has(c.name.toLowerCase()));
}

export function createTable(db: SqliteDb, name: string, columns: readonly Column[]): void {
  const defs = columns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
  db.exec(`CREATE TABLE ${quoteIdentifier(name)} (${defs})`);
}

/** Inserts every row in one transaction; values go in as text and the column's type affinity sets their type. */
export function insertRows(db: SqliteDb, name: string, columns: readonly Column[], rows: readonly TableRow[]): void {
  if (rows.length === 0 || columns.length === 0) return;
  const placeholders = columns.map(() => '?').join(', ');
  const stmt = db.prepare(`INSERT INTO ${quoteIdentifier(name)} VALUES (${placeholders})`);
  if (!stmt) return;
  db.exec('BEGIN');
  try {
    for (const row of rows) stmt.run(columns.map((c) => cellText(row[c.name])), db.scratch);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  } finally {
    stmt.finalize();
  }
}

function cellText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (Number.isNaN(value)) return null;
  return String(value);
}
