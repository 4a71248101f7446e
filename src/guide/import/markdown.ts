import { parse as parseYaml } from 'yaml';
import { firstLine, record } from './toml.js';
import type { ReadResult } from './types.js';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * A markdown investigation note with `!{osquery{...}}` blocks. Optional YAML front matter names the rule
 * (rule_id, name, severity, risk_score, tags, threat); without it the guide is named from the note itself.
 */
export function readMarkdownNote(text: string, file: string, path: string): ReadResult {
  const match = FRONT_MATTER.exec(text);
  let meta: Record<string, unknown> = {};
  if (match) {
    try {
      meta = record(parseYaml(match[1] ?? '')) ?? {};
    } catch (err) {
      return { records: [], skipped: [], errors: [{ file, message: `front matter is not valid YAML: ${firstLine(err)}` }] };
    }
  }
  const version = meta['version'];
  return {
    records: [
      {
        origin: { kind: 'markdown', file, ...(Number.isInteger(version) ? { version: version as number } : {}) },
        ruleId: meta['rule_id'],
        name: meta['name'],
        severity: meta['severity'],
        riskScore: meta['risk_score'],
        threat: meta['threat'],
        tags: meta['tags'],
        description: meta['description'],
        note: match ? text.slice(match[0].length) : text,
        path,
      },
    ],
    skipped: [],
    errors: [],
  };
}
