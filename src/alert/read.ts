/** parseAlerts: any supported alert input (bytes or text) to normalised alerts, or one error. Pure. */

import type { Alert, AlertInputError, AlertReadResult } from './types.js';
import { decodeAlertInput } from './decode.js';
import { atEnd, newBudget, nextJsonValue } from './json-scan.js';
import { unwrapValue } from './documents.js';
import { alertFromFields, hasRuleIdentity } from './normalise.js';
import { foldSequences, isBuildingBlock } from './sequence.js';
import {
  lineCounter,
  noAlertsError,
  noRuleError,
  notAnAlertError,
  scanError,
  tooManyAlertsError,
} from './messages.js';

/** Alert documents in one input, building blocks included; Elasticsearch returns at most 10,000 hits per search. */
export const MAX_ALERTS = 10_000;

interface Placed {
  alert: Alert;
  where: string;
  line: number;
}

function failed(error: AlertInputError): AlertReadResult {
  return { ok: false, error };
}

export function parseAlerts(input: string | Uint8Array, origin: string): AlertReadResult {
  const decoded = decodeAlertInput(input, origin);
  if (!decoded.ok) return decoded;
  const text = decoded.text;

  // Values are scanned, parsed and checked one at a time, so the first bad NDJSON line stops the work.
  const budget = newBudget();
  const lineAt = lineCounter(text);
  const placed: Placed[] = [];
  let several: boolean | undefined;
  for (let pos = 0; ; ) {
    const next = nextJsonValue(text, pos, budget);
    if (!next.ok) return failed(scanError(origin, text, next.problem, next.offset, next.expected));
    if (next.done) break;
    const { start, end } = next.span;
    pos = end;
    // One document: places inside it read "item 2", "hit 3"; several (NDJSON): "line 7".
    several ??= !atEnd(text, end);
    const line = lineAt(start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      // The scan accepted it; JSON.parse disagreeing would be a scanner gap, still reported as data.
      return failed(scanError(origin, text, 'syntax', start, 'a JSON value'));
    }
    const unwrapped = unwrapValue(value, several ? `line ${line}` : '');
    if (!unwrapped.ok) return failed(notAnAlertError(origin, unwrapped.where, unwrapped.found, line));
    for (const doc of unwrapped.docs) {
      if (placed.length >= MAX_ALERTS) return failed(tooManyAlertsError(origin, MAX_ALERTS, line));
      const alert = alertFromFields(doc.fields, origin, doc.hitId);
      // Only a building block may lack rule fields: its shell carries them.
      if (!hasRuleIdentity(alert.rule) && !isBuildingBlock(alert)) {
        return failed(noRuleError(origin, doc.where, several ? line : undefined));
      }
      placed.push({ alert, where: doc.where, line });
    }
  }
  if (placed.length === 0) return failed(noAlertsError(origin));

  const folded = foldSequences(placed.map((p) => p.alert));
  for (const { alert, index } of folded) {
    if (hasRuleIdentity(alert.rule)) continue;
    const doc = placed[index];
    return failed(noRuleError(origin, doc?.where ?? '', several === true ? doc?.line : undefined));
  }
  return { ok: true, alerts: folded.map((entry) => entry.alert) };
}
