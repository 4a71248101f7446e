import { parse as parseToml } from 'smol-toml';
import type { OsqueryEntry, ReadResult, RuleRecord } from './types.js';

/** One detection-rules TOML file: `[rule]` identity and note, `[[transform.osquery]]` entries referenced as `$osquery_N`. */
export function readDetectionRuleToml(text: string, file: string, path: string): ReadResult {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (err) {
    return { records: [], skipped: [], errors: [{ file, message: `not valid TOML: ${firstLine(err)}` }] };
  }
  const rule = record(doc['rule']);
  if (!rule) return { records: [], skipped: [{ file, reason: 'not a detection rule (no [rule] table)' }], errors: [] };
  const transform = record(doc['transform']);
  const raw = transform?.['osquery'];
  const listed: OsqueryEntry[] = Array.isArray(raw) ? raw.map(entryOf) : [];
  const version = rule['version'];
  const out: RuleRecord = {
    origin: { kind: 'detection-rules-toml', file, ...(Number.isInteger(version) ? { version: version as number } : {}) },
    ruleId: rule['rule_id'],
    name: rule['name'],
    severity: rule['severity'],
    riskScore: rule['risk_score'],
    threat: rule['threat'],
    tags: rule['tags'],
    description: rule['description'],
    note: typeof rule['note'] === 'string' ? rule['note'] : '',
    listed,
    path,
  };
  return { records: [out], skipped: [], errors: [] };
}

/** An entry the source got wrong keeps its index (so `$osquery_N` still points right) and fails later, reported. */
function entryOf(raw: unknown, index: number): OsqueryEntry {
  const e = record(raw);
  const label = typeof e?.['label'] === 'string' && e['label'].trim() !== '' ? e['label'].trim() : `Osquery query ${index + 1}`;
  const query = typeof e?.['query'] === 'string' ? e['query'] : '';
  return { label, query };
}

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
