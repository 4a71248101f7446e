import { basename, extname } from 'node:path';
import { Severity, type Platform } from '../model.js';
import type { NoteOutline } from './outline.js';
import { record } from './toml.js';
import { shortHash, slug } from './text.js';
import type { RuleRecord } from './types.js';

export interface RuleIdentity {
  ruleId: string;
  name: string;
  severity: Severity;
  riskScore: number;
  mitre: { tactics: string[]; techniques: string[] };
  tags: string[];
  /** Platforms the rule is for, from its `OS:` tags or its path; linux when neither says. */
  platforms: Platform[];
}

const DEFAULT_RISK: Record<Severity, number> = { low: 21, medium: 47, high: 73, critical: 99 };

/** The rule's identity, checked: anything unusable is replaced by a stated default and reported. */
export function identityOf(rec: RuleRecord, outline: NoteOutline, warn: (message: string) => void): RuleIdentity {
  const name = text(rec.name) ?? outline.title ?? nameFromPath(rec.path) ?? 'Imported investigation guide';
  let ruleId = text(rec.ruleId);
  if (ruleId === undefined) {
    ruleId = `${slug(name, 40) || 'guide'}-${shortHash(`${rec.origin.file}\n${rec.note}`, 8)}`;
    if (rec.origin.kind === 'detection-rules-toml' || rec.origin.kind === 'kibana-export') warn(`no rule_id; using ${ruleId}`);
  }
  const severity = severityOf(rec, warn);
  return {
    ruleId,
    name,
    severity,
    riskScore: riskOf(rec.riskScore, severity, rec.origin.kind !== 'alert-note' && rec.origin.kind !== 'markdown', warn),
    mitre: mitreOf(rec.threat, warn),
    tags: Array.isArray(rec.tags) ? rec.tags.filter((t): t is string => typeof t === 'string') : [],
    platforms: platformsOf(rec),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function nameFromPath(path: string): string | undefined {
  const base = basename(path, extname(path)).replace(/[-_]+/g, ' ').trim();
  return base === '' ? undefined : base;
}

function severityOf(rec: RuleRecord, warn: (message: string) => void): Severity {
  const parsed = Severity.safeParse(typeof rec.severity === 'string' ? rec.severity.toLowerCase() : rec.severity);
  if (parsed.success) return parsed.data;
  if (rec.severity !== undefined) warn(`severity ${JSON.stringify(rec.severity)} is not low, medium, high or critical; using medium`);
  else if (rec.origin.kind === 'detection-rules-toml' || rec.origin.kind === 'kibana-export') warn('no severity; using medium');
  return 'medium';
}

function riskOf(value: unknown, severity: Severity, expected: boolean, warn: (message: string) => void): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100) return value;
  if (value !== undefined || expected) warn(`risk_score ${JSON.stringify(value)} is not an integer 0..100; using ${DEFAULT_RISK[severity]}`);
  return DEFAULT_RISK[severity];
}

/** MITRE ATT&CK ids from Elastic's threat list: tactic, technique and subtechnique ids. */
function mitreOf(threat: unknown, warn: (message: string) => void): RuleIdentity['mitre'] {
  const tactics = new Set<string>();
  const techniques = new Set<string>();
  const add = (set: Set<string>, id: unknown, pattern: RegExp): void => {
    if (typeof id === 'string' && pattern.test(id)) set.add(id);
    else if (id !== undefined) warn(`MITRE id ${JSON.stringify(id)} is malformed; left out`);
  };
  for (const t of Array.isArray(threat) ? threat : []) {
    const entry = record(t);
    add(tactics, record(entry?.['tactic'])?.['id'], /^TA\d{4}$/);
    for (const tech of asArray(entry?.['technique'])) {
      add(techniques, record(tech)?.['id'], /^T\d{4}$/);
      for (const sub of asArray(record(tech)?.['subtechnique'])) add(techniques, record(sub)?.['id'], /^T\d{4}\.\d{3}$/);
    }
  }
  return { tactics: [...tactics], techniques: [...techniques] };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const OS_TAGS: Record<string, Platform> = { 'os: linux': 'linux', 'os: windows': 'windows', 'os: macos': 'macos' };

function platformsOf(rec: RuleRecord): Platform[] {
  const tags = Array.isArray(rec.tags) ? rec.tags : [];
  const fromTags = new Set<Platform>();
  for (const tag of tags) {
    const p = typeof tag === 'string' ? OS_TAGS[tag.trim().toLowerCase()] : undefined;
    if (p) fromTags.add(p);
  }
  if (fromTags.size > 0) return sortPlatforms([...fromTags]);
  const dir = /(?:^|[\\/])(linux|windows|macos)(?:[\\/])/i.exec(rec.path)?.[1]?.toLowerCase();
  return dir ? [dir as Platform] : ['linux'];
}

const ORDER: Platform[] = ['linux', 'macos', 'windows', 'any'];
export function sortPlatforms(platforms: Platform[]): Platform[] {
  return [...new Set(platforms)].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}
