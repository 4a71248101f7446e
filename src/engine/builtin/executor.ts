/** Running a statement in this thread: the worker's body, and the osqueryi command's (one process per call). */
import { join, resolve } from 'node:path';
import { builtinTables, type TableRegistry } from './registry.js';
import { runStatement, type StatementContext, type StatementResult } from './run-statement.js';
import { loadSqlite } from './sqlite.js';

export interface ExecuteOptions {
  /** Root of a mounted image to triage (dead-box); absent or "/" for the live host. */
  root?: string | undefined;
  tables?: TableRegistry;
}

/** Paths of the triaged system map under the image root; `..` cannot climb above it. */
export function statementContext(options: ExecuteOptions = {}): StatementContext {
  const root = resolve(options.root ?? '/');
  const live = root === '/';
  return {
    tables: options.tables ?? builtinTables(),
    root,
    live,
    hostPath: live ? (path) => path : (path) => join(root, resolve('/', path)),
  };
}

export async function executeStatement(sql: string, options: ExecuteOptions = {}): Promise<StatementResult> {
  const sqlite = await loadSqlite();
  return runStatement(sqlite, sql, statementContext(options));
}
