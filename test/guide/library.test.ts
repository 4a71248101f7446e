import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleValue } from '../../src/guide/lint-sql.js';
import { formatViolation, lintLibrary } from '../../src/guide/lint.js';
import { loadLibrary, type Library } from '../../src/guide/load.js';
import { LANGUAGES, type LocalizedText, type Step } from '../../src/guide/model.js';
import { packageRoot, shippedGuideDir } from '../../src/guide/paths.js';
import { checkReadOnly } from '../../src/sql/guard.js';
import { placeholderFields } from '../../src/sql/placeholders.js';
import { renderQuery } from '../../src/sql/render.js';

const SEED_RULE_IDS = [
  'df6f62d9-caab-4b88-affa-044f4395a1e0',
  'f5c005d3-4e17-48b0-9cd7-444d48857f97',
  '7fb500fa-8e24-4bd1-9480-2a819352602c',
  '6ee947e9-de7e-4281-a55d-09289bdf947e',
  'ae343298-97bc-47bc-9ea2-5f2ad831c16e',
];

/** Elastic's rule corpus, read only to check facts against it; the shared data sits beside the checkout. */
const CORPUS_CANDIDATES = [
  join(packageRoot(), '..', 'shared', 'data', 'elastic-detection-rules', 'rules', 'linux'),
  '/work/shared/data/elastic-detection-rules/rules/linux',
];
const CORPUS = CORPUS_CANDIDATES.find((d) => existsSync(d));

let lib: Library;
beforeAll(async () => {
  lib = await loadLibrary([shippedGuideDir()]);
});

describe('the shipped library', () => {
  it('loads without problems', () => {
    expect(lib.problems).toEqual([]);
    expect(lib.guides.map((g) => g.guide.rule_id).sort()).toEqual([...SEED_RULE_IDS].sort());
    expect(lib.guides.every((g) => g.source === 'shipped')).toBe(true);
  });

  it('passes lint with zero violations', async () => {
    const violations = (await lintLibrary(lib)).map(formatViolation);
    expect(violations).toEqual([]);
  });

  it('has every guide in English and Simplified Chinese', () => {
    for (const { guide } of lib.guides) expect([...guide.languages].sort()).toEqual([...LANGUAGES].sort());
  });

  it('gives every query at least one flag and uses every query in the library', () => {
    for (const query of lib.queries.values()) expect(query.flags.length, query.id).toBeGreaterThan(0);
    const used = new Set(lib.guides.flatMap((g) => stepQueries(g.guide.steps)));
    expect([...lib.queries.keys()].filter((id) => !used.has(id))).toEqual([]);
    const sharedByAll = [...used].filter((id) => lib.guides.every((g) => stepQueries(g.guide.steps).includes(id)));
    expect(sharedByAll).toContain('host-context');
  });

  it('renders every query with example values, fans out multi-valued fields, and passes the guard', () => {
    for (const query of lib.queries.values()) {
      const fields = Object.fromEntries(placeholderFields(query.sql).map((f) => [f, [exampleValue(f)]]));
      if (fields['process.args']) fields['process.args'] = ['/usr/sbin/setcap', 'cap_setuid+ep', "/tmp/it's here"];
      const rendering = renderQuery(query.sql, fields);
      expect(rendering.status, query.id).toBe('ready');
      if (rendering.status !== 'ready') continue;
      expect(rendering.runs.length, query.id).toBe(fields['process.args'] ? 3 : 1);
      for (const run of rendering.runs) expect(checkReadOnly(run.sql), `${query.id}: ${run.sql}`).toEqual({ ok: true });
    }
  });

  it('keeps a hostile value inside one literal', () => {
    const query = lib.queries.get('user-account');
    expect(query).toBeDefined();
    const rendering = renderQuery(query?.sql ?? '', { 'user.name': ["x' OR 1=1; ATTACH DATABASE '/tmp/p' AS p; --"] });
    expect(rendering.status).toBe('ready');
    if (rendering.status === 'ready') {
      expect(rendering.runs[0]?.sql).toContain("'x'' OR 1=1; ATTACH DATABASE ''/tmp/p'' AS p; --'");
      expect(checkReadOnly(rendering.runs[0]?.sql ?? '')).toEqual({ ok: true });
    }
  });

  it('gives every guide a response checklist that contains, preserves, eradicates and reviews', () => {
    for (const { guide } of lib.guides) {
      const ids = guide.response.map((r) => r.id);
      expect(ids.some((id) => /^(isolate|block)/.test(id)), guide.rule_id).toBe(true);
      expect(ids.some((id) => /^(capture-memory|preserve)/.test(id)), guide.rule_id).toBe(true);
      expect(ids.some((id) => /^(remove|disable|stop|restore)/.test(id)), guide.rule_id).toBe(true);
      expect(ids).toContain('review');
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('writes Chinese text without folding artefacts', () => {
    for (const { guide, file } of lib.guides) {
      for (const text of allTexts(guide)) {
        const zh = text['zh-CN'] ?? '';
        // a space between two Han characters is what YAML folding leaves behind
        expect(zh, file).not.toMatch(/\p{Script=Han} +\p{Script=Han}/u);
        expect(zh, file).toMatch(/\p{Script=Han}/u);
      }
    }
  });
});

describe.skipIf(CORPUS === undefined)('facts checked against the Elastic rule corpus', () => {
  const rules = new Map<string, Record<string, unknown>>();
  beforeAll(() => {
    for (const name of readdirSync(CORPUS as string).filter((f) => f.endsWith('.toml'))) {
      const doc = parseToml(readFileSync(join(CORPUS as string, name), 'utf8')) as { rule?: Record<string, unknown> };
      const id = doc.rule?.['rule_id'];
      if (typeof id === 'string' && SEED_RULE_IDS.includes(id)) rules.set(id, doc.rule ?? {});
    }
  });

  it('names, severities, risk scores and MITRE ids match the corpus', () => {
    expect(rules.size).toBe(SEED_RULE_IDS.length);
    for (const { guide } of lib.guides) {
      const rule = rules.get(guide.rule_id) ?? {};
      expect(guide.name.en).toBe(rule['name']);
      expect(guide.severity).toBe(rule['severity']);
      expect(guide.risk_score).toBe(rule['risk_score']);
      const { tactics, techniques } = mitreIds(rule);
      expect([...guide.mitre.tactics].sort(), guide.rule_id).toEqual(tactics);
      expect([...guide.mitre.techniques].sort(), guide.rule_id).toEqual(techniques);
    }
  });

  it('does not reuse the corpus guide sentences', () => {
    for (const { guide } of lib.guides) {
      const note = String(rules.get(guide.rule_id)?.['note'] ?? '');
      const theirs = note.split(/(?<=[.!?])\s+|\n+/).map(normalize).filter((s) => s.length >= 40);
      const ours = normalize(allTexts(guide).map((t) => t.en ?? '').join(' '));
      expect(theirs.filter((s) => ours.includes(s)), guide.rule_id).toEqual([]);
    }
  });
});

function stepQueries(steps: Step[]): string[] {
  return steps.flatMap((s) => [...s.queries, ...stepQueries(s.steps)]);
}

function allTexts(guide: Library['guides'][number]['guide']): LocalizedText[] {
  const walk = (steps: Step[]): LocalizedText[] => steps.flatMap((s) => [s.text, ...walk(s.steps)]);
  return [
    guide.name, guide.summary, ...walk(guide.steps), ...guide.false_positives,
    ...guide.related_rules.map((r) => r.name), ...guide.response.map((r) => r.text),
  ].slice(1); // the English rule name is the corpus's own and is shared on purpose
}

function normalize(s: string): string {
  return s.toLowerCase().replace(/[`*_#>[\]()]/g, '').replace(/\s+/g, ' ').trim();
}

function mitreIds(rule: Record<string, unknown>): { tactics: string[]; techniques: string[] } {
  const tactics = new Set<string>();
  const techniques = new Set<string>();
  const threats = (rule['threat'] ?? []) as { tactic?: { id?: string }; technique?: { id?: string; subtechnique?: { id?: string }[] }[] }[];
  for (const t of threats) {
    if (t.tactic?.id) tactics.add(t.tactic.id);
    for (const tech of t.technique ?? []) {
      if (tech.id) techniques.add(tech.id);
      for (const sub of tech.subtechnique ?? []) if (sub.id) techniques.add(sub.id);
    }
  }
  return { tactics: [...tactics].sort(), techniques: [...techniques].sort() };
}
