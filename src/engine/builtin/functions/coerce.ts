/** SQLite's own conversions of a function argument, as a C function sees them through sqlite3_value_*(). */
import { SqlFunctionError, type SqlArg } from '../sqlite.js';

const FLOAT_PREFIX = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** sqlite3_value_double: numbers as they are, text by its leading numeric prefix, otherwise 0. */
export function asDouble(arg: SqlArg): number {
  if (arg === null) return 0;
  if (typeof arg === 'bigint') return Number(arg);
  if (typeof arg === 'number') return arg;
  const text = typeof arg === 'string' ? arg : new TextDecoder().decode(arg);
  const m = FLOAT_PREFIX.exec(text);
  return m ? Number(m[0]) : 0;
}

/** sqlite3_value_int64: integers exactly, reals truncated (saturating), text by its numeric prefix. */
export function asInt64(arg: SqlArg): bigint {
  if (typeof arg === 'bigint') return arg;
  const d = asDouble(arg);
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854775807e18) return 9223372036854775807n;
  if (d <= -9.223372036854775808e18) return -9223372036854775808n;
  return BigInt(Math.trunc(d));
}

/** sqlite3_value_int: the low 32 bits of the 64-bit value. */
export function asInt(arg: SqlArg): number {
  return Number(BigInt.asIntN(32, asInt64(arg)));
}

/** A C string stops at its first NUL. */
export function cString(text: string): string {
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

export function bytesUntilNul(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul === -1 ? bytes : bytes.subarray(0, nul);
}

export function fail(message: string): never {
  throw new SqlFunctionError(message);
}
