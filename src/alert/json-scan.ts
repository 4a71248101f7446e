/**
 * A validating scan over a sequence of JSON values (one document, NDJSON, or values back to back). It builds
 * nothing: it finds where the next top-level value starts and ends, or the exact offset of the first problem,
 * so messages can give a line and column whatever the runtime's JSON.parse error text says (Node 20's often
 * has no position). It is iterative, with limits on depth and on the number of values, so hostile input
 * cannot exhaust the stack or memory before JSON.parse builds anything.
 */

export const MAX_DEPTH = 100;
/** Values (scalars and containers) in one input; a busy alert export holds far fewer, garbage can hold tens of millions. */
export const MAX_VALUES = 2_000_000;

export interface ValueSpan {
  start: number;
  end: number;
}

export type ScanProblem = 'syntax' | 'truncated' | 'too-deep' | 'too-many';

/** What is left of the value allowance; shared by every value of one input. */
export interface ScanBudget {
  values: number;
}

export type NextValue =
  | { ok: true; done: true }
  | { ok: true; done: false; span: ValueSpan }
  | { ok: false; problem: ScanProblem; offset: number; expected: string };

const OBJ = 1;
const ARR = 2;

// States of the value machine.
const VALUE = 0;
const OBJ_FIRST = 1;
const OBJ_KEY = 2;
const COLON = 3;
const ARR_FIRST = 4;
const AFTER = 5;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING_STOP = /["\\\u0000-\u001f]/g;
const HEX4 = /[0-9a-fA-F]{4}/y;

type Step = { ok: true; end: number } | { ok: false; problem: ScanProblem; offset: number; expected: string };

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWs(text: string, pos: number): number {
  while (pos < text.length && isWs(text.charCodeAt(pos))) pos++;
  return pos;
}

function fail(problem: ScanProblem, offset: number, expected: string): Step {
  return { ok: false, problem, offset, expected };
}

function scanString(text: string, start: number): Step {
  let pos = start + 1;
  for (;;) {
    STRING_STOP.lastIndex = pos;
    const m = STRING_STOP.exec(text);
    if (m === null) return fail('truncated', text.length, 'the end of a string');
    pos = m.index;
    const c = text.charCodeAt(pos);
    if (c === 0x22) return { ok: true, end: pos + 1 };
    if (c === 0x5c) {
      if (pos + 1 >= text.length) return fail('truncated', text.length, 'the end of a string');
      const e = text[pos + 1];
      if (e === 'u') {
        HEX4.lastIndex = pos + 2;
        if (HEX4.test(text)) { pos += 6; continue; }
        if (pos + 6 > text.length && /^[0-9a-fA-F]*$/.test(text.slice(pos + 2))) {
          return fail('truncated', text.length, 'the end of a string');
        }
        return fail('syntax', pos, 'a valid escape (\\uXXXX)');
      }
      if (e !== undefined && '"\\/bfnrt'.includes(e)) { pos += 2; continue; }
      return fail('syntax', pos, 'a valid escape');
    }
    if (c === 0x0a || c === 0x0d) return fail('syntax', pos, `a closing '"' before the end of the line`);
    return fail('syntax', pos, 'a printable character or an escape inside a string');
  }
}

function scanLiteral(text: string, pos: number): Step {
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, pos)) return { ok: true, end: pos + word.length };
    const rest = text.slice(pos, pos + word.length);
    if (pos + rest.length === text.length && rest.length > 0 && word.startsWith(rest)) {
      return fail('truncated', text.length, `the rest of "${word}"`);
    }
  }
  return fail('syntax', pos, 'a value');
}

function scanScalar(text: string, pos: number): Step {
  const c = text.charCodeAt(pos);
  if (c === 0x22) return scanString(text, pos);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m === null) {
      return pos + 1 === text.length ? fail('truncated', text.length, 'a number') : fail('syntax', pos, 'a number');
    }
    return { ok: true, end: pos + m[0].length };
  }
  return scanLiteral(text, pos);
}

/** Scans one value starting at `pos` (not whitespace). */
function scanValue(text: string, pos: number, budget: ScanBudget): Step {
  const stack: number[] = [];
  let state = VALUE;
  for (;;) {
    pos = skipWs(text, pos);
    if (pos >= text.length) {
      const inside = stack[stack.length - 1] === OBJ ? 'an object' : 'an array';
      return fail('truncated', pos, state === COLON ? `':' inside ${inside}` : `more of ${inside}`);
    }
    const c = text.charCodeAt(pos);
    switch (state) {
      case VALUE: {
        if (--budget.values < 0) return fail('too-many', pos, `at most ${MAX_VALUES} values`);
        if (c === 0x7b || c === 0x5b) {
          if (stack.length >= MAX_DEPTH) return fail('too-deep', pos, `at most ${MAX_DEPTH} levels of nesting`);
          stack.push(c === 0x7b ? OBJ : ARR);
          state = c === 0x7b ? OBJ_FIRST : ARR_FIRST;
          pos++;
          continue;
        }
        const step = scanScalar(text, pos);
        if (!step.ok) return step;
        pos = step.end;
        state = AFTER;
        break;
      }
      case OBJ_FIRST:
      case OBJ_KEY: {
        if (c === 0x7d && state === OBJ_FIRST) {
          stack.pop();
          pos++;
          state = AFTER;
          break;
        }
        if (c !== 0x22) return fail('syntax', pos, state === OBJ_FIRST ? "a property name or '}'" : 'a property name');
        const step = scanString(text, pos);
        if (!step.ok) return step;
        pos = step.end;
        state = COLON;
        continue;
      }
      case COLON:
        if (c !== 0x3a) return fail('syntax', pos, "':' after a property name");
        pos++;
        state = VALUE;
        continue;
      case ARR_FIRST:
        if (c === 0x5d) {
          stack.pop();
          pos++;
          state = AFTER;
          break;
        }
        state = VALUE;
        continue;
      default: {
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          pos++;
          state = top === OBJ ? OBJ_KEY : VALUE;
          continue;
        }
        if ((top === OBJ && c === 0x7d) || (top === ARR && c === 0x5d)) {
          stack.pop();
          pos++;
          break;
        }
        return fail('syntax', pos, top === OBJ ? "',' or '}'" : "',' or ']'");
      }
    }
    // A value (or container) just completed.
    if (stack.length === 0) return { ok: true, end: pos };
  }
}

export function newBudget(): ScanBudget {
  return { values: MAX_VALUES };
}

/** True when only whitespace follows `pos`. */
export function atEnd(text: string, pos: number): boolean {
  return skipWs(text, pos) >= text.length;
}

/** Scans the next top-level value at or after `pos`; values may be separated by any whitespace (NDJSON). */
export function nextJsonValue(text: string, pos: number, budget: ScanBudget): NextValue {
  const start = skipWs(text, pos);
  if (start >= text.length) return { ok: true, done: true };
  const step = scanValue(text, start, budget);
  if (!step.ok) return step;
  return { ok: true, done: false, span: { start, end: step.end } };
}
