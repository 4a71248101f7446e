/**
 * osquery's C-math functions. They replace SQLite's built-in versions of the same name and arity, as osquery
 * registers them after SQLite's: log(x) is the natural logarithm, ceil/floor return integers, and a domain or
 * range error fails the statement with the C library's message.
 */
import type { SqlArg, SqlResult } from '../sqlite.js';
import { asDouble, asInt64, fail } from './coerce.js';

const EDOM = 'Numerical argument out of domain';
const ERANGE = 'Numerical result out of range';
const SMALLEST_NORMAL = 2.2250738585072014e-308;

type Unary = (x: number) => number;

/** Errors as glibc reports them through errno: NaN from a number is EDOM, overflow or a pole is ERANGE. */
function checked(f: Unary, underflowIsError = false) {
  return (args: SqlArg[]): SqlResult => {
    const a = args[0] ?? null;
    if (a === null) return null;
    const x = asDouble(a);
    const y = f(x);
    if (Number.isNaN(y) && !Number.isNaN(x)) fail(EDOM);
    if (!Number.isFinite(y) && Number.isFinite(x)) fail(ERANGE);
    if (underflowIsError && Math.abs(y) < SMALLEST_NORMAL && Number.isFinite(x) && x !== Number.NEGATIVE_INFINITY) {
      fail(ERANGE);
    }
    return y;
  };
}

function power(args: SqlArg[]): SqlResult {
  const [a = null, b = null] = args;
  if (a === null || b === null) return null;
  const x = asDouble(a);
  const y = asDouble(b);
  const r = Math.pow(x, y);
  if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) fail(EDOM);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) fail(ERANGE);
  return r;
}

/** ceil/floor: an INTEGER comes back unchanged; anything else is rounded and cast to a 64-bit integer. */
function rounding(f: Unary) {
  return (args: SqlArg[]): SqlResult => {
    const a = args[0] ?? null;
    if (a === null) return null;
    if (typeof a === 'bigint') return a;
    return asInt64(f(asDouble(a)));
  };
}

export const MATH_FUNCTIONS: [name: string, nArg: number, fn: (args: SqlArg[]) => SqlResult][] = [
  ['sqrt', 1, checked(Math.sqrt)],
  ['acos', 1, checked(Math.acos)],
  ['asin', 1, checked(Math.asin)],
  ['atan', 1, checked(Math.atan)],
  ['cos', 1, checked(Math.cos)],
  ['sin', 1, checked(Math.sin)],
  ['tan', 1, checked(Math.tan)],
  ['cot', 1, (args) => (args[0] === null ? null : 1 / Math.tan(asDouble(args[0] ?? null)))],
  ['exp', 1, checked(Math.exp, true)],
  ['log', 1, checked(Math.log)],
  ['log10', 1, checked(Math.log10)],
  ['power', 2, power],
  ['ceil', 1, rounding(Math.ceil)],
  ['floor', 1, rounding(Math.floor)],
  ['degrees', 1, checked((x) => (180 * x) / Math.PI)],
  ['radians', 1, checked((x) => (x * Math.PI) / 180)],
  ['pi', 0, () => Math.PI],
];
