/** The one-line messages for alert input problems, built apart from where the problem is found. */

import type { AlertInputError } from './types.js';
import { displayOrigin, quoteInput } from './escape.js';
import { MAX_DEPTH, MAX_VALUES, type ScanProblem } from './json-scan.js';

export interface TextPosition {
  line: number;
  column: number;
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  // Columns count characters, so a surrogate pair is one column; counted in place for very long lines.
  let column = 1;
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === lineStart) column++;
    else if (text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) column++;
  }
  return { line, column };
}

/** Line numbers for increasing offsets in one pass (NDJSON files can hold many thousands of lines). */
export function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let from = 0;
  return (offset) => {
    for (let nl = text.indexOf('\n', from); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      from = nl + 1;
    }
    return line;
  };
}

function foundAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the input';
  const ch = String.fromCodePoint(text.codePointAt(offset) ?? 0);
  if (ch === '\n' || ch === '\r') return 'the end of the line';
  return quoteInput(ch);
}

export function scanError(
  origin: string,
  text: string,
  problem: ScanProblem,
  offset: number,
  expected: string,
): AlertInputError {
  const { line, column } = positionOf(text, offset);
  const o = displayOrigin(origin);
  const at = `line ${line}, column ${column}`;
  switch (problem) {
    case 'truncated':
      return { kind: 'truncated', line, column, message: `${o}: truncated: the JSON ends at ${at} while expecting ${expected}` };
    case 'too-deep':
      return {
        kind: 'too-large',
        line,
        column,
        message: `${o}: nested more than ${MAX_DEPTH} levels deep at ${at}; not an alert document`,
      };
    case 'too-many':
      return {
        kind: 'too-large',
        line,
        column,
        message: `${o}: too large: more than ${MAX_VALUES} JSON values (at ${at}); not an alert export to triage`,
      };
    default:
      return {
        kind: 'not-json',
        line,
        column,
        message: `${o}: not JSON at ${at}: expected ${expected}, found ${foundAt(text, offset)}`,
      };
  }
}

function prefix(origin: string, where: string): string {
  return where === '' ? displayOrigin(origin) : `${displayOrigin(origin)}: ${where}`;
}

export function notAnAlertError(origin: string, where: string, found: string, line?: number): AlertInputError {
  const error: AlertInputError = {
    kind: 'no-rule',
    message: `${prefix(origin, where)}: expected an alert document (a JSON object), found ${found}`,
  };
  if (line !== undefined) error.line = line;
  return error;
}

export function noRuleError(origin: string, where: string, line?: number): AlertInputError {
  const error: AlertInputError = {
    kind: 'no-rule',
    message:
      `${prefix(origin, where)}: no rule identity: the alert has no rule id or rule name ` +
      '(kibana.alert.rule.rule_id, kibana.alert.rule.name, signal.rule.rule_id or signal.rule.name)',
  };
  if (line !== undefined) error.line = line;
  return error;
}

export function noAlertsError(origin: string): AlertInputError {
  return { kind: 'empty', message: `${displayOrigin(origin)}: empty: no alerts in it (an empty list or no hits)` };
}

export function tooManyAlertsError(origin: string, max: number, line: number): AlertInputError {
  return {
    kind: 'too-large',
    line,
    message: `${displayOrigin(origin)}: too large: more than ${max} alerts (line ${line}); split the export or pick the alert to triage`,
  };
}
