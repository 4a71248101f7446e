/** Alerts from the command line: `--rule ID|NAME` with `--set field=value`, and `--set` over a file alert. */

import type { Alert, AlertFields, AlertInputError, AlertReadResult } from './types.js';
import { copyFields, emptyFields } from './flatten.js';
import { alertFromFields, hostFrom, ruleIdentityFrom, timestampFrom } from './normalise.js';
import { quoteInput } from './escape.js';

export type ApplySetsResult = { ok: true; alert: Alert } | { ok: false; error: AlertInputError };

type ParsedSets = { ok: true; fields: AlertFields } | { ok: false; error: AlertInputError };

/** A rule_id looks like a UUID (Elastic's are); anything else is taken as a rule name. */
const UUID_ISH = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

// Field names are typed by the responder; control characters or spaces there are a mistake, not a field.
const FIELD_NAME = /^[^\s=\u0000-\u001f\u007f-\u009f]+$/;

function badFlag(message: string): AlertInputError {
  return { kind: 'bad-flag', message };
}

/** Parses `field=value` items; a repeated field collects several values (distinct, in order). */
export function parseSets(sets: readonly string[]): ParsedSets {
  const fields = emptyFields();
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq === -1) return { ok: false, error: badFlag(`--set ${quoteInput(item)}: expected FIELD=VALUE`) };
    const field = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (field === '') return { ok: false, error: badFlag(`--set ${quoteInput(item)}: the field name is empty`) };
    if (!FIELD_NAME.test(field)) {
      return { ok: false, error: badFlag(`--set ${quoteInput(item)}: the field name has spaces or control characters`) };
    }
    const list = fields[field];
    if (list === undefined) fields[field] = [value];
    else if (!list.includes(value)) list.push(value);
  }
  return { ok: true, fields };
}

/** Adds or replaces fields on an alert: each field named by `--set` takes exactly the values given. Pure. */
export function applySets(alert: Alert, sets: readonly string[]): ApplySetsResult {
  const parsed = parseSets(sets);
  if (!parsed.ok) return parsed;
  const fields = copyFields(alert.fields);
  for (const [key, values] of Object.entries(parsed.fields)) fields[key] = [...values];
  // Setting a rule, host or time field changes what the alert says about them; other parts stay as they were.
  const rule = { ...alert.rule, ...ruleIdentityFrom(fields) };
  const next: Alert = { ...alert, rule, fields, buildingBlocks: [...alert.buildingBlocks] };
  const host = hostFrom(fields);
  const timestamp = timestampFrom(fields);
  if (host !== undefined) next.host = host;
  if (timestamp !== undefined) next.timestamp = timestamp;
  return { ok: true, alert: next };
}

/** An alert with no file: a rule id or name plus `--set` values. */
export function alertFromFlags(rule: string, sets: readonly string[]): AlertReadResult {
  const wanted = rule.trim();
  if (wanted === '') return { ok: false, error: badFlag('--rule: expected a rule id or a rule name') };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(wanted)) {
    return { ok: false, error: badFlag(`--rule ${quoteInput(wanted)}: control characters in a rule id or name`) };
  }
  const parsed = parseSets(sets);
  if (!parsed.ok) return parsed;
  const fields = parsed.fields;
  const isId = UUID_ISH.test(wanted);
  // The rule goes into the fields as an exported alert would carry it, unless --set already names it.
  const ruleKey = isId ? 'kibana.alert.rule.rule_id' : 'kibana.alert.rule.name';
  fields[ruleKey] ??= [isId ? wanted.toLowerCase() : wanted];
  const alert = alertFromFields(fields, '--rule');
  if (isId) alert.rule.ruleId = wanted.toLowerCase();
  else alert.rule.ruleName = wanted;
  return { ok: true, alerts: [alert] };
}
