/** parseAlerts: any supported alert input (bytes or text) to normalised alerts, or one error. Pure. */

import type { Alert, AlertReadResult } from './types.js';
import { decodeAlertInput } from './decode.js';
import { scanJsonValues } from './json-scan.js';
import { unwrapValue, type RawAlert } from './documents.js';
import { alertFromFields, hasRuleIdentity } from './normalise.js';
import { foldSequences } from './sequence.js';
import { lineCounter, noAlertsError, noRuleError, notAnAlertError, scanError } from './messages.js';

interface Located extends RawAlert {
  line: number;
}

export function parseAlerts(input: string | Uint8Array, origin: string): AlertReadResult {
  const decoded = decodeAlertInput(input, origin);
  if (!decoded.ok) return decoded;
  const text = decoded.text;

  const scan = scanJsonValues(text);
  if (!scan.ok) return { ok: false, error: scanError(origin, text, scan.problem, scan.offset, scan.expected) };

  // One document: positions inside it read "item 2", "hit 3"; several (NDJSON): "line 7".
  const several = scan.values.length > 1;
  const docs: Located[] = [];
  const lineAt = lineCounter(text);
  for (const span of scan.values) {
    const line = lineAt(span.start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(span.start, span.end));
    } catch {
      // The scan accepted it; JSON.parse disagreeing would be a scanner gap, still reported as data.
      return { ok: false, error: scanError(origin, text, 'syntax', span.start, 'a JSON value') };
    }
    const unwrapped = unwrapValue(value, several ? `line ${line}` : '');
    if (!unwrapped.ok) return { ok: false, error: notAnAlertError(origin, unwrapped.where, unwrapped.found, line) };
    for (const doc of unwrapped.docs) docs.push({ ...doc, line });
  }
  if (docs.length === 0) return { ok: false, error: noAlertsError(origin) };

  const alerts: Alert[] = docs.map((doc) => alertFromFields(doc.fields, origin, doc.hitId));
  const folded = foldSequences(alerts);
  for (const { alert, index } of folded) {
    if (hasRuleIdentity(alert.rule)) continue;
    const doc = docs[index];
    return { ok: false, error: noRuleError(origin, doc?.where ?? '', several ? doc?.line : undefined) };
  }
  return { ok: true, alerts: folded.map((entry) => entry.alert) };
}
