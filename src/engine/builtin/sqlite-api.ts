/** The C API of sql.js's WebAssembly SQLite, and loading it (once per process or worker thread). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';

/** The part of the sql.js module this file uses: the C API exported by its WebAssembly build. */
export interface WasmApi {
  _sqlite3_open(filename: number, ppDb: number): number;
  _sqlite3_close_v2(db: number): number;
  _sqlite3_errmsg(db: number): number;
  _sqlite3_exec(db: number, sql: number, callback: number, arg: number, errmsg: number): number;
  _sqlite3_prepare_v2(db: number, sql: number, nByte: number, ppStmt: number, pzTail: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_finalize(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_bind_text(stmt: number, index: number, text: number, nByte: number, destructor: number): number;
  _sqlite3_column_count(stmt: number): number;
  _sqlite3_column_name(stmt: number, i: number): number;
  _sqlite3_column_type(stmt: number, i: number): number;
  _sqlite3_column_text(stmt: number, i: number): number;
  _sqlite3_column_bytes(stmt: number, i: number): number;
  _sqlite3_create_function_v2(
    db: number, name: number, nArg: number, flags: number, app: number, xFunc: number, xStep: number, xFinal: number,
    xDestroy: number,
  ): number;
  _sqlite3_value_type(value: number): number;
  _sqlite3_value_text(value: number): number;
  _sqlite3_value_blob(value: number): number;
  _sqlite3_value_bytes(value: number): number;
  _sqlite3_value_double(value: number): number;
  _sqlite3_result_null(ctx: number): void;
  _sqlite3_result_int(ctx: number, value: number): void;
  _sqlite3_result_int64(ctx: number, value: bigint): void;
  _sqlite3_result_double(ctx: number, value: number): void;
  _sqlite3_result_text(ctx: number, text: number, nByte: number, destructor: number): void;
  _sqlite3_result_blob(ctx: number, blob: number, nByte: number, destructor: number): void;
  _sqlite3_result_error(ctx: number, message: number, nByte: number): void;
  _malloc(size: number): number;
  _free(ptr: number): void;
  addFunction(fn: (...args: number[]) => void, signature: string): number;
  UTF8ToString(ptr: number, maxBytes?: number, ignoreNul?: boolean): string;
  stringToNewUTF8(text: string): number;
}

export const SQLITE_OK = 0;
export const SQLITE_ROW = 100;
export const SQLITE_DONE = 101;
export const SQLITE_INTEGER = 1;
export const SQLITE_FLOAT = 2;
export const SQLITE_TEXT = 3;
export const SQLITE_BLOB = 4;
export const SQLITE_UTF8 = 1;
export const SQLITE_DETERMINISTIC = 0x800;
/** SQLite copies the bytes before the call returns. */
export const SQLITE_TRANSIENT = -1;

/** The few WebAssembly shapes used here (the project's lib settings carry no WebAssembly typings). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmInstance {
  exports: Record<string, unknown>;
}
interface WasmNamespace {
  instantiate(bytes: Uint8Array, imports: unknown): Promise<{ instance: WasmInstance }>;
  Memory: abstract new (...args: never[]) => WasmMemory;
}
export const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmNamespace }).WebAssembly;

let loading: Promise<{ api: WasmApi; memory: WasmMemory }> | undefined;

/** Loads the WebAssembly SQLite once per process (or worker thread). */
export function loadWasmSqlite(): Promise<{ api: WasmApi; memory: WasmMemory }> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<{ api: WasmApi; memory: WasmMemory }> {
  const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  const wasm = readFileSync(wasmPath);
  let memory: WasmMemory | undefined;
  let failInstantiate: (err: unknown) => void = () => undefined;
  const instantiateFailed = new Promise<never>((_, reject) => {
    failInstantiate = reject;
  });
  const config = {
    // sql.js would otherwise register legacy math functions with other semantics (log() as ln) and warn on use.
    useOldExtensionFunctions: false,
    instantiateWasm(imports: unknown, done: (instance: WasmInstance) => void): object {
      wasmRuntime.instantiate(wasm, imports).then(({ instance }) => {
        memory = Object.values(instance.exports).find((e): e is WasmMemory => e instanceof wasmRuntime.Memory);
        done(instance);
      }, failInstantiate);
      return {};
    },
  };
  const module = await Promise.race([initSqlJs(config as Parameters<typeof initSqlJs>[0]), instantiateFailed]);
  if (!memory) throw new Error('sql.js: WebAssembly memory not found');
  const api = module as unknown as WasmApi;
  for (const name of ['_sqlite3_prepare_v2', '_sqlite3_result_int64', '_sqlite3_create_function_v2', 'addFunction'] as const) {
    if (typeof api[name] !== 'function') throw new Error(`sql.js: ${name} is not exported by this build`);
  }
  return { api, memory };
}
