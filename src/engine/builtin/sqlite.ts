/**
 * The embedded SQLite: sql.js (SQLite compiled to WebAssembly, so nothing needs a compiler on the triaged host),
 * driven through its exported C API rather than its convenience classes, because osqueryi's output needs what those
 * hide: SQLite's own text for every value (`sqlite3_column_text`), exact 64-bit integers, and SQL functions that
 * return integers.
 */
import {
  loadWasmSqlite, SQLITE_BLOB, SQLITE_DETERMINISTIC, SQLITE_DONE, SQLITE_FLOAT, SQLITE_INTEGER, SQLITE_OK, SQLITE_ROW,
  SQLITE_TEXT, SQLITE_TRANSIENT, SQLITE_UTF8, type WasmApi, type WasmMemory,
} from './sqlite-api.js';

/** A value handed to a SQL function: INTEGER as bigint (exact), REAL as number, TEXT, BLOB, NULL. */
export type SqlArg = bigint | number | string | Uint8Array | null;
/** TEXT made of raw bytes (which need not be valid UTF-8), as a C function returns with sqlite3_result_text. */
export class SqlText {
  constructor(readonly bytes: Uint8Array) {}
}
/** What a SQL function may return; booleans become 1/0. */
export type SqlResult = SqlArg | boolean | SqlText;
/** Each argument as SQLite's own text conversion (sqlite3_value_text), valid only during the call. */
export interface RawArgs {
  /** The text SQLite gives for argument i (numbers formatted by SQLite), or null for NULL. */
  text(i: number): string | null;
  /** The bytes of that text (a BLOB's own bytes), or null for NULL. */
  bytes(i: number): Uint8Array | null;
}
export type SqlFunction = (args: SqlArg[], raw: RawArgs) => SqlResult;

/** A failure SQLite reports, carrying its message exactly as sqlite3_errmsg gives it. */
export class SqliteError extends Error {
  override name = 'SqliteError';
}

/** A SQL function refusing its input: the message becomes the statement's error, as sqlite3_result_error does. */
export class SqlFunctionError extends Error {
  override name = 'SqlFunctionError';
}

/** Result columns in select order (duplicates kept) and each value as SQLite's text, NULL as null. */
export interface QueryResult {
  columns: string[];
  rows: (string | null)[][];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One loaded WebAssembly SQLite: its C API and its linear memory. */
export class Sqlite {
  private readonly pointers = new Map<SqlFunction, number>();
  private readonly resultScratch: Scratch;

  constructor(
    private readonly api: WasmApi,
    private readonly memory: WasmMemory,
  ) {
    this.resultScratch = new Scratch(api);
  }

  /** A fresh private in-memory database. */
  open(): SqliteDb {
    const name = this.api.stringToNewUTF8(':memory:');
    const out = this.api._malloc(4);
    try {
      const rc = this.api._sqlite3_open(name, out);
      const db = this.i32(out);
      if (rc !== SQLITE_OK) {
        const message = db ? this.api.UTF8ToString(this.api._sqlite3_errmsg(db)) : `sqlite3_open failed (${rc})`;
        if (db) this.api._sqlite3_close_v2(db);
        throw new SqliteError(message);
      }
      return new SqliteDb(this, this.api, db);
    } finally {
      this.api._free(out);
      this.api._free(name);
    }
  }

  /** One C function pointer per implementation, shared by every database (the function table never shrinks). */
  functionPointer(fn: SqlFunction): number {
    let pointer = this.pointers.get(fn);
    if (pointer === undefined) {
      pointer = this.api.addFunction((ctx: number, argc: number, argv: number) => {
        this.callFunction(fn, ctx, argc, argv);
      }, 'viii');
      this.pointers.set(fn, pointer);
    }
    return pointer;
  }

  /** Views are made on demand: the memory may have grown (and its buffer changed) since the last call. */
  bytes(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }

  /** A Buffer over part of the memory, for writing text in place; valid until the memory next grows. */
  view(ptr: number, length: number): Buffer {
    return Buffer.from(this.memory.buffer, ptr, length);
  }

  write(ptr: number, data: Uint8Array): void {
    new Uint8Array(this.memory.buffer).set(data, ptr);
  }

  i32(ptr: number): number {
    return new DataView(this.memory.buffer).getInt32(ptr, true);
  }

  private callFunction(fn: SqlFunction, ctx: number, argc: number, argv: number): void {
    try {
      const values: number[] = [];
      for (let i = 0; i < argc; i++) values.push(this.i32(argv + 4 * i));
      const args = values.map((v) => this.readValue(v));
      const raw: RawArgs = {
        text: (i) => {
          const bytes = raw.bytes(i);
          return bytes === null ? null : decoder.decode(bytes);
        },
        bytes: (i) => {
          const value = values[i];
          if (value === undefined || args[i] === null) return null;
          const ptr = this.api._sqlite3_value_text(value);
          const length = this.api._sqlite3_value_bytes(value);
          return ptr ? this.bytes(ptr, length).slice() : new Uint8Array(0);
        },
      };
      this.setResult(ctx, fn(args, raw));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const cmsg = this.api.stringToNewUTF8(message);
      this.api._sqlite3_result_error(ctx, cmsg, -1);
      this.api._free(cmsg);
    }
  }

  private readValue(value: number): SqlArg {
    switch (this.api._sqlite3_value_type(value)) {
      case SQLITE_INTEGER:
        return BigInt(this.api.UTF8ToString(this.api._sqlite3_value_text(value)));
      case SQLITE_FLOAT:
        return this.api._sqlite3_value_double(value);
      case SQLITE_TEXT: {
        const ptr = this.api._sqlite3_value_text(value);
        const length = this.api._sqlite3_value_bytes(value);
        return ptr ? this.api.UTF8ToString(ptr, length, true) : '';
      }
      case SQLITE_BLOB: {
        const ptr = this.api._sqlite3_value_blob(value);
        const length = this.api._sqlite3_value_bytes(value);
        return ptr ? this.bytes(ptr, length).slice() : new Uint8Array(0);
      }
      default:
        return null;
    }
  }

  private setResult(ctx: number, result: SqlResult): void {
    if (result === null) return this.api._sqlite3_result_null(ctx);
    if (typeof result === 'boolean') return this.api._sqlite3_result_int(ctx, result ? 1 : 0);
    if (typeof result === 'bigint') return this.api._sqlite3_result_int64(ctx, BigInt.asIntN(64, result));
    if (typeof result === 'number') return this.api._sqlite3_result_double(ctx, result);
    const bytes = typeof result === 'string' ? encoder.encode(result) : result instanceof SqlText ? result.bytes : result;
    const ptr = this.resultScratch.reserve(bytes.length);
    this.write(ptr, bytes);
    if (!(result instanceof Uint8Array)) this.api._sqlite3_result_text(ctx, ptr, bytes.length, SQLITE_TRANSIENT);
    else this.api._sqlite3_result_blob(ctx, ptr, bytes.length, SQLITE_TRANSIENT);
  }
}

/** A prepared statement that is stepped row by row; always finalize it. */
export class SqliteStatement {
  constructor(
    private readonly db: SqliteDb,
    private readonly api: WasmApi,
    readonly handle: number,
  ) {}

  columnNames(): string[] {
    const n = this.api._sqlite3_column_count(this.handle);
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push(this.api.UTF8ToString(this.api._sqlite3_column_name(this.handle, i)));
    return names;
  }

  /** Steps once: the row (values as sqlite3_column_text gives them, cut at a NUL like osqueryi) or null when done. */
  step(): (string | null)[] | null {
    const rc = this.api._sqlite3_step(this.handle);
    if (rc === SQLITE_DONE) return null;
    if (rc !== SQLITE_ROW) throw new SqliteError(this.db.errorMessage());
    const n = this.api._sqlite3_column_count(this.handle);
    const row: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const type = this.api._sqlite3_column_type(this.handle, i);
      if (type !== SQLITE_INTEGER && type !== SQLITE_FLOAT && type !== SQLITE_TEXT && type !== SQLITE_BLOB) {
        row[i] = null;
        continue;
      }
      const ptr = this.api._sqlite3_column_text(this.handle, i);
      const length = this.api._sqlite3_column_bytes(this.handle, i);
      row[i] = ptr ? this.api.UTF8ToString(ptr, length) : '';
    }
    return row;
  }

  /** Binds every value as text (NULL when null) and runs the statement once; column affinity sets the type. */
  run(values: (string | null)[], scratch: Scratch): void {
    this.api._sqlite3_reset(this.handle);
    this.api._sqlite3_clear_bindings(this.handle);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: reserve that and encode every value straight into the
    // database's memory (this runs once per cell of every table built). All are written before any is bound:
    // binding may grow the memory, which leaves the view behind.
    let room = 0;
    for (const v of values) if (v !== null) room += v.length * 3;
    const base = scratch.reserve(room);
    const memory = this.db.sqlite.view(base, room);
    const ends = new Array<number>(values.length);
    let offset = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) offset += memory.write(v, offset, 'utf8');
      ends[i] = offset;
    }
    let start = 0;
    for (let i = 0; i < values.length; i++) {
      const end = ends[i] as number;
      if (values[i] !== null) {
        const rc = this.api._sqlite3_bind_text(this.handle, i + 1, base + start, end - start, SQLITE_TRANSIENT);
        if (rc !== SQLITE_OK) throw new SqliteError(this.db.errorMessage());
      }
      start = end;
    }
    const rc = this.api._sqlite3_step(this.handle);
    if (rc !== SQLITE_DONE && rc !== SQLITE_ROW) throw new SqliteError(this.db.errorMessage());
  }

  finalize(): void {
    this.api._sqlite3_finalize(this.handle);
  }
}

/** A reusable malloc'd buffer for binding values, grown as needed, freed with the database. */
export class Scratch {
  private ptr = 0;
  private size = 0;
  constructor(private readonly api: WasmApi) {}

  reserve(bytes: number): number {
    if (bytes <= this.size && this.ptr) return this.ptr;
    if (this.ptr) this.api._free(this.ptr);
    this.size = Math.max(bytes, 4096, this.size * 2);
    this.ptr = this.api._malloc(this.size);
    if (!this.ptr) throw new SqliteError('out of memory');
    return this.ptr;
  }

  free(): void {
    if (this.ptr) this.api._free(this.ptr);
    this.ptr = 0;
    this.size = 0;
  }
}

export class SqliteDb {
  private closed = false;
  readonly scratch: Scratch;

  constructor(
    readonly sqlite: Sqlite,
    private readonly api: WasmApi,
    private readonly handle: number,
  ) {
    this.scratch = new Scratch(api);
  }

  errorMessage(): string {
    return this.api.UTF8ToString(this.api._sqlite3_errmsg(this.handle));
  }

  /** Runs statements that return nothing worth reading (schema set-up). */
  exec(sql: string): void {
    const text = this.api.stringToNewUTF8(sql);
    try {
      const rc = this.api._sqlite3_exec(this.handle, text, 0, 0, 0);
      if (rc !== SQLITE_OK) throw new SqliteError(this.errorMessage());
    } finally {
      this.api._free(text);
    }
  }

  /** Compiles the first statement of `sql`; null when it holds only whitespace and comments. */
  prepare(sql: string): SqliteStatement | null {
    const bytes = encoder.encode(sql);
    const text = this.api._malloc(bytes.length + 1);
    const out = this.api._malloc(4);
    try {
      this.sqlite.write(text, bytes);
      this.sqlite.write(text + bytes.length, new Uint8Array([0]));
      const rc = this.api._sqlite3_prepare_v2(this.handle, text, bytes.length + 1, out, 0);
      const stmt = this.sqlite.i32(out);
      if (rc !== SQLITE_OK) {
        if (stmt) this.api._sqlite3_finalize(stmt);
        throw new SqliteError(this.errorMessage());
      }
      return stmt ? new SqliteStatement(this, this.api, stmt) : null;
    } finally {
      this.api._free(out);
      this.api._free(text);
    }
  }

  /** Runs one statement to the end. On failure the rows read so far travel with the error. */
  query(sql: string): QueryResult {
    const stmt = this.prepare(sql);
    if (!stmt) return { columns: [], rows: [] };
    return this.drain(stmt);
  }

  drain(stmt: SqliteStatement): QueryResult {
    const columns = stmt.columnNames();
    const rows: (string | null)[][] = [];
    try {
      for (let row = stmt.step(); row; row = stmt.step()) rows.push(row);
      return { columns, rows };
    } catch (err) {
      throw Object.assign(err instanceof Error ? err : new SqliteError(String(err)), { partial: { columns, rows } });
    } finally {
      stmt.finalize();
    }
  }

  /** Registers a scalar SQL function (nArg -1: any number of arguments). */
  createFunction(name: string, nArg: number, fn: SqlFunction, deterministic = true): void {
    const pointer = this.sqlite.functionPointer(fn);
    const cname = this.api.stringToNewUTF8(name);
    try {
      const flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0);
      const rc = this.api._sqlite3_create_function_v2(this.handle, cname, nArg, flags, 0, pointer, 0, 0, 0);
      if (rc !== SQLITE_OK) throw new SqliteError(this.errorMessage());
    } finally {
      this.api._free(cname);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.api._sqlite3_close_v2(this.handle);
    this.scratch.free();
  }
}

let loaded: Promise<Sqlite> | undefined;

/** The embedded SQLite, loaded once per process (or worker thread). */
export function loadSqlite(): Promise<Sqlite> {
  loaded ??= loadWasmSqlite().then(({ api, memory }) => new Sqlite(api, memory));
  return loaded;
}
