/**
 * One statement on the built-in engine: guard it, build only the tables it names (with the constraints it puts
 * on them) in a fresh in-memory SQLite, then run the statement unchanged there.
 */
import { constraintHints, type ConstraintHint } from '../../sql/constraints.js';
import { checkReadOnly } from '../../sql/guard.js';
import { referencedTables } from '../../sql/tables.js';
import { codeTokens, identifierName } from '../../sql/tokenize.js';
import { registerOsqueryFunctions } from './functions.js';
import { nextTable, resolveConstraints } from './hints.js';
import { createTable, insertRows, visibleColumns } from './materialise.js';
import type { TableRegistry } from './registry.js';
import { SqliteError, type Sqlite, type SqliteStatement } from './sqlite.js';
import { TableError, type TableContext, type TableRow, type TableSpec } from './table.js';

export interface StatementContext {
  tables: TableRegistry;
  /** "/" on the live host, or a mounted image's root. */
  root: string;
  live: boolean;
  hostPath(path: string): string;
}

/** Columns in select order (duplicates kept) and values as SQLite's text; rows read before a failure are kept. */
export interface StatementResult {
  status: 'ok' | 'error' | 'blocked';
  columns: string[];
  rows: (string | null)[][];
  error?: string;
  /** Tables built for this statement, in build order (what a test or a trace wants to see). */
  built: string[];
}

export async function runStatement(sqlite: Sqlite, sql: string, ctx: StatementContext): Promise<StatementResult> {
  const built: string[] = [];
  const fail = (status: 'error' | 'blocked', error: string): StatementResult => ({ status, columns: [], rows: [], error, built });
  if (sql.includes('\0')) return fail('blocked', 'the statement contains a NUL character');
  const verdict = checkReadOnly(sql);
  if (!verdict.ok) return fail('blocked', verdict.reason);

  const hints = safeHints(sql);
  const names = [...new Set([...referencedTables(sql), ...hints.keys()])].filter((n) => ctx.tables.has(n));
  const specs = new Map(names.map((n) => [n, ctx.tables.get(n) as TableSpec]));
  const liveOnly = [...specs.values()].find((s) => s.liveOnly && !ctx.live);
  if (liveOnly) return fail('error', liveOnlyMessage(liveOnly.name));

  const db = sqlite.open();
  let stmt: SqliteStatement | null = null;
  try {
    registerOsqueryFunctions(db);
    const named = new Set(codeTokens(sql).filter((t) => t.kind === 'identifier' || t.kind === 'quoted-identifier').map((t) => identifierName(t).toLowerCase()));
    const columns = new Map([...specs].map(([name, spec]) => [name, visibleColumns(spec, named)]));
    columns.forEach((cols, name) => createTable(db, name, cols));
    // Compile first: a statement SQLite rejects (syntax, unknown table or column) costs no table generation.
    stmt = db.prepare(sql);
    if (!stmt) return { status: 'ok', columns: [], rows: [], built };

    const pending = [...specs.keys()];
    const done = new Set<string>();
    for (let table = nextTable(pending, hints, specs, done); table !== undefined; table = nextTable(pending, hints, specs, done)) {
      pending.splice(pending.indexOf(table), 1);
      const spec = specs.get(table) as TableSpec;
      const constraints = resolveConstraints(db, spec, hints.get(table) ?? [], specs, done);
      if (constraints !== null) {
        const rows = await generate(spec, tableContext(ctx, constraints));
        insertRows(db, table, columns.get(table) ?? [], rows);
      }
      done.add(table);
      built.push(table);
    }
    const result = db.drain(stmt);
    stmt = null;
    return { status: 'ok', columns: result.columns, rows: result.rows, built };
  } catch (err) {
    const partial = partialOf(err);
    return { status: 'error', columns: partial.columns, rows: partial.rows, error: errorMessage(err), built };
  } finally {
    stmt?.finalize();
    db.close();
  }
}

/** Hints are an optimisation: a statement too deep to analyse just gets none (SQLite still judges it). */
function safeHints(sql: string): Map<string, ConstraintHint[]> {
  try {
    return constraintHints(sql);
  } catch {
    return new Map();
  }
}

/** A table's own TableError speaks osquery's words; anything else it throws is named after the table. */
async function generate(spec: TableSpec, ctx: TableContext): Promise<TableRow[]> {
  try {
    return await spec.generate(ctx);
  } catch (err) {
    if (err instanceof TableError) throw err;
    throw new TableError(`table ${spec.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function tableContext(ctx: StatementContext, constraints: TableContext['constraints']): TableContext {
  return { root: ctx.root, live: ctx.live, constraints, hostPath: ctx.hostPath };
}

export function liveOnlyMessage(table: string): string {
  return `Table ${table} reads the running system's kernel state and is not available when triaging a mounted image (--root)`;
}

/** osquery tables the built-in engine leaves out on purpose, and why: said instead of a bare "no such table". */
const NOT_PROVIDED: Record<string, string> = {
  systemd_units: 'osquery reads it from systemd over D-Bus, not from files; run this query with osqueryi',
};

function errorMessage(err: unknown): string {
  if (err instanceof SqliteError) {
    const table = /^no such table: (\w+)$/.exec(err.message)?.[1];
    const why = table !== undefined ? NOT_PROVIDED[table.toLowerCase()] : undefined;
    return why ? `${err.message} (the built-in engine does not provide ${table}: ${why})` : err.message;
  }
  if (err instanceof TableError) return err.message;
  return `internal error: ${err instanceof Error ? err.message : String(err)}`;
}

function partialOf(err: unknown): { columns: string[]; rows: (string | null)[][] } {
  const partial = (err as { partial?: { columns: string[]; rows: (string | null)[][] } } | null)?.partial;
  return partial ?? { columns: [], rows: [] };
}
