import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/** An empty in-memory SQLite (sql.js, WebAssembly: nothing to compile on the host). */
export async function openScratchDatabase(): Promise<Database> {
  loading ??= initSqlJs({ locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm') });
  const SQL = await loading;
  return new SQL.Database();
}
