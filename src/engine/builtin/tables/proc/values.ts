/** Value conversions shared by the live tables: kernel text in, osquery-typed cells out. */
import type { Constraint } from '../../table.js';

/** Only the digits 0-9, at least one (a directory entry, a descriptor; cheaper than a regex in hot loops). */
export function isDecimal(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A decimal integer as a number, or a bigint past 2^53; null for anything else (osquery leaves such cells NULL). */
export function toInteger(text: string | undefined): number | bigint | null {
  if (text === undefined || !isDecimal(text.charCodeAt(0) === 45 ? text.slice(1) : text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/** A hexadecimal integer (no 0x) as a number, or a bigint past 2^53; null when it is not one. */
export function hexToInteger(text: string | undefined): number | bigint | null {
  if (text === undefined || !/^[0-9a-fA-F]+$/.test(text)) return null;
  const value = parseInt(text, 16);
  return Number.isSafeInteger(value) ? value : BigInt(`0x${text}`);
}

/**
 * Trim the ASCII whitespace C's isspace knows (JS trim() also eats Unicode spaces, which names may carry). A scan,
 * not a regex: `\s+$` backtracks quadratically over a long inner run of spaces, which a process can put in its
 * command line (a hundred thousand empty arguments) to stall the processes table.
 */
export function trimAscii(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** space, \t, \n, \v, \f, \r */
function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Split on runs of spaces and tabs, dropping empty fields. */
export function fields(line: string): string[] {
  return line.split(/[ \t]+/).filter((field) => field.length > 0);
}

/**
 * Process ids a statement pins with `pid = X` / `pid IN (...)`, or null when it does not narrow them (no such
 * constraint, a LIKE, or a value that is not a plain number). Several constraints all hold, so they intersect.
 * Values are SQLite literals compared with an integer column: '0012' and '12.0' both mean 12.
 */
export function pinnedPids(constraints: readonly Constraint[], column = 'pid'): Set<number> | null {
  const sets: Array<Set<number>> = [];
  for (const constraint of constraints) {
    if (constraint.column.toLowerCase() !== column || constraint.op === 'LIKE') continue;
    const values = new Set<number>();
    let narrows = true;
    for (const raw of constraint.values) {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(value)) {
        narrows = false;
        break;
      }
      if (Number.isInteger(value)) values.add(value);
    }
    if (narrows) sets.push(values);
  }
  const [first, ...rest] = sets;
  if (first === undefined) return null;
  return new Set([...first].filter((pid) => rest.every((set) => set.has(pid))));
}
