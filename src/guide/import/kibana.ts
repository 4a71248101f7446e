import { firstLine, record } from './toml.js';
import type { ReadResult, RuleRecord } from './types.js';

/**
 * A Kibana rule export (NDJSON): the rules API's shape (`rule_id`, `risk_score`, ...) or a Saved Objects export
 * (`{type: "alert", attributes: {params: {ruleId, riskScore, ...}}}`). The export summary line is skipped silently;
 * exception lists and connectors in the same file are skipped with a reason.
 */
export function readKibanaExport(text: string, file: string, path: string): ReadResult {
  const out: ReadResult = { records: [], skipped: [], errors: [] };
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.errors.push({ file: where, message: `not a JSON line: ${firstLine(err)}` });
      return;
    }
    const obj = record(value);
    if (!obj) {
      out.skipped.push({ file: where, reason: 'not a detection rule (not a JSON object)' });
      return;
    }
    if (isExportSummary(obj)) return;
    const rule = ruleOf(obj, where, path);
    if (rule) out.records.push(rule);
    else out.skipped.push({ file: where, reason: 'not a detection rule (exception list, connector or other saved object)' });
  });
  return out;
}

function isExportSummary(obj: Record<string, unknown>): boolean {
  return 'exported_count' in obj || 'exported_rules_count' in obj || 'exportedCount' in obj;
}

function ruleOf(obj: Record<string, unknown>, file: string, path: string): RuleRecord | undefined {
  const attributes = record(obj['attributes']);
  const params = record(attributes?.['params']);
  if (attributes && params && typeof params['ruleId'] === 'string') {
    return build(file, path, {
      ruleId: params['ruleId'],
      name: attributes['name'],
      severity: params['severity'],
      riskScore: params['riskScore'],
      threat: params['threat'],
      tags: attributes['tags'],
      description: params['description'],
      note: params['note'],
      version: params['version'],
    });
  }
  if (typeof obj['rule_id'] !== 'string' || typeof obj['name'] !== 'string') return undefined;
  return build(file, path, {
    ruleId: obj['rule_id'],
    name: obj['name'],
    severity: obj['severity'],
    riskScore: obj['risk_score'],
    threat: obj['threat'],
    tags: obj['tags'],
    description: obj['description'],
    note: obj['note'],
    version: obj['version'],
  });
}

function build(file: string, path: string, f: Record<'ruleId' | 'name' | 'severity' | 'riskScore' | 'threat' | 'tags' | 'description' | 'note' | 'version', unknown>): RuleRecord {
  return {
    origin: { kind: 'kibana-export', file, ...(Number.isInteger(f.version) ? { version: f.version as number } : {}) },
    ruleId: f.ruleId,
    name: f.name,
    severity: f.severity,
    riskScore: f.riskScore,
    threat: f.threat,
    tags: f.tags,
    description: f.description,
    note: typeof f.note === 'string' ? f.note : '',
    path,
  };
}
