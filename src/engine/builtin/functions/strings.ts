/** osquery's string functions (split, regex_split, regex_match, concat, concat_ws, inet_aton, parent_directory). */
import { isIPv4 } from 'node:net';
import type { RawArgs, SqlArg, SqlResult } from '../sqlite.js';
import { asInt, cString, fail } from './coerce.js';

/** osquery refuses patterns longer than this many bytes (its --regex_max_size default). */
const REGEX_MAX_BYTES = 256;
const WHITESPACE = ' \t\n\v\f\r';

/** split(text, tokens, index): split on any character of tokens, drop empty pieces, trim each, pick one. */
export function split(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args.slice(0, 3).some((a) => a === null)) return null;
  const input = cString(raw.text(0) ?? '');
  const tokens = cString(raw.text(1) ?? '');
  if (tokens === '') fail('Invalid input to split function');
  const pieces: string[] = [];
  let current = '';
  for (const ch of input) {
    if (tokens.includes(ch)) {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  const kept = pieces.filter((p) => p.length > 0).map(trim);
  return pick(kept, asInt(args[2] ?? null));
}

/** regex_split(text, pattern, index): the pieces between matches (a trailing empty piece is not one). */
export function regexSplit(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args.slice(0, 3).some((a) => a === null)) return null;
  const input = cString(raw.text(0) ?? '');
  const pattern = cString(raw.text(1) ?? '');
  if (pattern === '') fail('Invalid input to split function');
  if (byteLength(pattern) > REGEX_MAX_BYTES) fail('Invalid regex');
  const re = compile(pattern, 'g');
  const pieces: string[] = [];
  let from = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[0] === '') {
      // An empty match separates nothing; step past it so the scan moves on.
      re.lastIndex++;
      continue;
    }
    pieces.push(input.slice(from, m.index));
    from = m.index + m[0].length;
  }
  if (from < input.length) pieces.push(input.slice(from));
  return pick(pieces, asInt(args[2] ?? null));
}

/** regex_match(text, pattern, index): group `index` of the first match (0 = the whole match), else NULL. */
export function regexMatch(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args.slice(0, 3).some((a) => a === null)) return null;
  const pattern = cString(raw.text(1) ?? '');
  if (byteLength(pattern) > REGEX_MAX_BYTES) {
    fail(`Invalid regex: too big, max size is ${REGEX_MAX_BYTES} bytes`);
  }
  const input = cString(raw.text(0) ?? '');
  const m = compile(pattern, '').exec(input);
  if (!m) return null;
  const index = asInt(args[2] ?? null);
  if (index < 0 || index >= m.length) return null;
  return m[index] ?? '';
}

/** concat(...): the arguments' text joined, NULLs skipped. */
export function concat(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args.length === 0) return null;
  return joinArgs(args, raw, 0, '');
}

/**
 * concat_ws(sep, ...): joined with sep, NULLs skipped. As in osquery, a separator follows every non-NULL value
 * that is not the last argument, even when only NULLs come after it.
 */
export function concatWs(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args.length === 0) fail('Missing separator to concat_ws');
  if (args.length === 1) return null;
  const sep = args[0] === null ? '' : cString(raw.text(0) ?? '');
  return joinArgs(args, raw, 1, sep);
}

/** inet_aton(ipv4): the address as an integer; NULL for IPv6 or anything unparsable. */
export function inetAton(args: SqlArg[], raw: RawArgs): SqlResult {
  if (args[0] === null || args[0] === undefined) return null;
  const address = cString(raw.text(0) ?? '');
  if (address.includes(':') || !isIPv4(address)) return null;
  return address.split('.').reduce((acc, octet) => acc * 256n + BigInt(octet), 0n);
}

/** parent_directory(path): everything before the last '/', NULL without one; TEXT only. */
export function parentDirectory(args: SqlArg[], raw: RawArgs): SqlResult {
  if (typeof args[0] !== 'string') fail('Invalid inputs to parent_directory, TEXT was expected');
  const path = cString(raw.text(0) ?? '');
  const slash = path.lastIndexOf('/');
  return slash < 0 ? null : path.slice(0, slash);
}

function joinArgs(args: SqlArg[], raw: RawArgs, start: number, sep: string): string {
  let out = '';
  for (let i = start; i < args.length; i++) {
    if (args[i] === null) continue;
    out += cString(raw.text(i) ?? '');
    if (sep !== '' && i + 1 < args.length) out += sep;
  }
  return out;
}

function pick(pieces: string[], index: number): SqlResult {
  return index >= 0 && index < pieces.length ? (pieces[index] ?? null) : null;
}

function trim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.includes(text[start] as string)) start++;
  while (end > start && WHITESPACE.includes(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** osquery uses std::regex (ECMAScript grammar), which JavaScript's RegExp follows closely. */
function compile(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return fail('Invalid regex');
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
