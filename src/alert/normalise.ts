/** Builds the one `Alert` shape from flattened fields, whichever Elastic generation wrote them. */

import { createHash } from 'node:crypto';
import type { Alert, AlertFields, RuleIdentity } from './types.js';

/** Candidate keys for each part of the rule identity, first match wins (8.x first, then 7.x signals). */
export const RULE_KEYS = {
  ruleId: ['kibana.alert.rule.rule_id', 'kibana.alert.rule.parameters.rule_id', 'signal.rule.rule_id'],
  ruleName: ['kibana.alert.rule.name', 'signal.rule.name'],
  ruleUuid: ['kibana.alert.rule.uuid', 'signal.rule.id'],
  severity: [
    'kibana.alert.severity',
    'kibana.alert.rule.severity',
    'kibana.alert.rule.parameters.severity',
    'signal.rule.severity',
  ],
  riskScore: [
    'kibana.alert.risk_score',
    'kibana.alert.rule.risk_score',
    'kibana.alert.rule.parameters.risk_score',
    'signal.rule.risk_score',
  ],
  note: ['kibana.alert.rule.note', 'kibana.alert.rule.parameters.note', 'signal.rule.note'],
} as const;

const ALERT_ID_KEYS = ['kibana.alert.uuid'];

function first(fields: AlertFields, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = fields[key]?.find((v) => v.trim() !== '');
    if (value !== undefined) return value;
  }
  return undefined;
}

export function ruleIdentityFrom(fields: AlertFields): RuleIdentity {
  const rule: RuleIdentity = {};
  const ruleId = first(fields, RULE_KEYS.ruleId);
  const ruleName = first(fields, RULE_KEYS.ruleName);
  const ruleUuid = first(fields, RULE_KEYS.ruleUuid);
  const severity = first(fields, RULE_KEYS.severity);
  const risk = first(fields, RULE_KEYS.riskScore);
  const note = first(fields, RULE_KEYS.note);
  if (ruleId !== undefined) rule.ruleId = ruleId.trim();
  if (ruleName !== undefined) rule.ruleName = ruleName;
  if (ruleUuid !== undefined) rule.ruleUuid = ruleUuid.trim();
  if (severity !== undefined) rule.severity = severity.trim().toLowerCase();
  if (risk !== undefined && risk.trim() !== '' && Number.isFinite(Number(risk))) rule.riskScore = Number(risk);
  if (note !== undefined) rule.note = note;
  return rule;
}

export function hasRuleIdentity(rule: RuleIdentity): boolean {
  return rule.ruleId !== undefined || rule.ruleName !== undefined;
}

export function hostFrom(fields: AlertFields): string | undefined {
  return first(fields, ['host.name', 'host.hostname']);
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** @timestamp as ISO 8601; epoch milliseconds (as some exports carry them) are converted. */
export function timestampFrom(fields: AlertFields): string | undefined {
  const raw = first(fields, ['@timestamp'])?.trim();
  if (raw === undefined) return undefined;
  if (ISO_8601.test(raw)) return raw;
  if (/^\d{1,15}$/.test(raw)) {
    const date = new Date(Number(raw));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return undefined;
}

/** A stable id for alerts that carry none: the same content always gets the same id. */
function synthesisedId(fields: AlertFields): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(fields).sort()) hash.update(JSON.stringify([key, fields[key]]));
  return `local-${hash.digest('hex').slice(0, 16)}`;
}

export function alertFromFields(fields: AlertFields, origin: string, hitId?: string): Alert {
  const id = first(fields, ALERT_ID_KEYS) ?? hitId ?? synthesisedId(fields);
  const alert: Alert = { id, rule: ruleIdentityFrom(fields), fields, buildingBlocks: [], origin };
  const timestamp = timestampFrom(fields);
  const host = hostFrom(fields);
  if (timestamp !== undefined) alert.timestamp = timestamp;
  if (host !== undefined) alert.host = host;
  return alert;
}
