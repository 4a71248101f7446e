/**
 * version_compare(left, right[, flavor]): -1, 0 or 1. Without a flavor the versions compare as dotted segments of
 * numeric and alphabetic pieces; ARCH, DPKG and RHEL follow those distributions' package version rules (epoch,
 * `~` before and `^` after the end, delimiter precedence), as osquery's version collations do.
 */
import type { RawArgs, SqlArg, SqlResult } from '../sqlite.js';
import { cString, fail } from './coerce.js';

const encoder = new TextEncoder();

export function versionCompare(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args[0] === null || args[1] === null) return null;
  const left = cString(raw.text(0) ?? '');
  const right = cString(raw.text(1) ?? '');
  const flavor = args.length > 2 && args[2] !== null ? cString(raw.text(2) ?? '').toUpperCase() : '';
  let diff: number;
  switch (flavor) {
    case '':
      diff = compareSegments(left, right);
      break;
    case 'ARCH':
      diff = comparePackage(left, right, { epoch: true, delimiterPrecedence: false, remainder: true });
      break;
    case 'DPKG':
      diff = comparePackage(left, right, { epoch: true, delimiterPrecedence: false, remainder: false });
      break;
    case 'RHEL':
      diff = comparePackage(left, right, { epoch: true, delimiterPrecedence: true, remainder: true });
      break;
    default:
      return fail(`Invalid version flavor: ${flavor} (use ARCH, DPKG or RHEL)`);
  }
  return BigInt(Math.sign(diff));
}

/** Segments split on '.', each into runs of digits or letters; other characters are ignored. */
function compareSegments(left: string, right: string): number {
  if (left === right) return 0;
  const l = segments(left);
  const r = segments(right);
  for (let i = 0; i < Math.min(l.length, r.length); i++) {
    const lp = l[i] as string[];
    const rp = r[i] as string[];
    for (let j = 0; j < Math.min(lp.length, rp.length); j++) {
      const a = lp[j] as string;
      const b = rp[j] as string;
      const aNum = /^\d/.test(a);
      const bNum = /^\d/.test(b);
      if (aNum && bNum) {
        const d = BigInt(a) - BigInt(b);
        if (d !== 0n) return d > 0n ? 1 : -1;
      } else if (aNum !== bNum) {
        return aNum ? -1 : 1;
      } else if (a !== b) {
        return a < b ? -1 : 1;
      }
    }
    if (lp.length !== rp.length) return lp.length - rp.length;
  }
  return l.length - r.length;
}

function segments(version: string): string[][] {
  const parts = version.split('.');
  // Reading segments up to each '.' yields no empty segment after a trailing '.'.
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((p) => p.match(/\d+|[a-zA-Z]+/g) ?? []);
}

interface PackageRules {
  epoch: boolean;
  delimiterPrecedence: boolean;
  remainder: boolean;
}

const TILDE = 0x7e;
const HYPHEN = 0x2d;
const CARET = 0x5e;
const DOT = 0x2e;
const COLON = 0x3a;
const DELIMITER_RANK = new Map([[TILDE, 1], [HYPHEN, 2], [CARET, 3], [DOT, 4], [COLON, 5]]);

/** Byte-wise comparison that settles each run between delimiters by its first differing byte. */
function comparePackage(left: string, right: string, rules: PackageRules): number {
  if (left === right) return 0;
  const l = signedBytes(left);
  const r = signedBytes(right);
  if (rules.epoch) {
    const le = l.indexOf(COLON);
    const re = r.indexOf(COLON);
    if (le !== -1 && re !== -1 && le !== re) return le - re;
    if (le !== -1 && re === -1) return 1;
    if (le === -1 && re !== -1) return -1;
  }
  let firstDiff = 0;
  const min = Math.min(l.length, r.length);
  for (let i = 0; i < min; i++) {
    const a = l[i] as number;
    const b = r[i] as number;
    const aDelim = DELIMITER_RANK.has(a);
    const bDelim = DELIMITER_RANK.has(b);
    if (!aDelim && !bDelim) {
      if (firstDiff === 0) firstDiff = a - b;
      continue;
    }
    if (aDelim !== bDelim) return aDelim ? -1 : 1;
    if (firstDiff !== 0) return firstDiff;
    if (rules.delimiterPrecedence) {
      const d = (DELIMITER_RANK.get(a) ?? 0) - (DELIMITER_RANK.get(b) ?? 0);
      if (d !== 0) return d;
    }
  }
  if (firstDiff !== 0) return firstDiff;
  if (rules.remainder) {
    // Past the end of the shorter version: a '~' next sorts before it, '^' after it, '-' equal to it.
    if (l.length === min) {
      const next = r[min];
      if (next === TILDE) return 1;
      if (next === HYPHEN) return 0;
      if (next === CARET) return -1;
    }
    if (r.length === min) {
      const next = l[min];
      if (next === TILDE) return -1;
      if (next === HYPHEN) return 0;
      if (next === CARET) return 1;
    }
  }
  return l.length - r.length;
}

/** C compares `char` values, which are signed: bytes above 0x7f count as negative. */
function signedBytes(text: string): number[] {
  return Array.from(encoder.encode(text), (b) => (b > 127 ? b - 256 : b));
}
