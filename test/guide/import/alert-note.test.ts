import { describe, expect, it } from 'vitest';
import { guideFromAlertNote } from '../../../src/guide/import/alert-note.js';
import { Guide } from '../../../src/guide/model.js';
import { renderQuery } from '../../../src/sql/render.js';

const NOTE = [
  '## Triage and analysis',
  '',
  '### Investigating Odd Login',
  '',
  'An account logged in from an odd place.',
  '',
  '### Possible investigation steps',
  '',
  '- Check the account: !{osquery{"label":"Osquery - Account Details","query":"SELECT * FROM users WHERE username = {{user.name}}"}}',
  '- Check sessions.',
  '  - !{osquery{"label":"Osquery - Sessions","query":"SELECT * FROM logged_in_users WHERE user = \'{{ user.name }}\'"}}',
  '  - !{osquery{"query":"DROP TABLE users"}}',
  '',
  '### Response and remediation',
  '',
  '- Lock the account.',
].join('\n');

describe('guideFromAlertNote', () => {
  it('builds a valid guide from the note an alert carries', () => {
    const { guide, queries, warnings } = guideFromAlertNote(NOTE, { ruleId: 'abc', ruleName: 'Odd Login', severity: 'high', riskScore: 73 });
    expect(Guide.safeParse(guide).success).toBe(true);
    expect(guide).toMatchObject({
      rule_id: 'abc',
      name: { en: 'Odd Login' },
      severity: 'high',
      risk_score: 73,
      languages: ['en'],
      fields: ['user.name'],
      summary: { en: 'An account logged in from an odd place.' },
      origin: { kind: 'alert-note', file: '(alert note)' },
      response: [{ id: 'lock-the-account', text: { en: 'Lock the account.' } }],
    });
    expect(guide.steps.map((s) => [s.text.en, s.queries])).toEqual([
      ['Check the account', [expect.stringMatching(/^account-details-[0-9a-f]{6}$/)]],
      ['Check sessions.', [expect.stringMatching(/^sessions-[0-9a-f]{6}$/)]],
    ]);
    expect(queries.map((q) => q.file)).toEqual(['(alert note)', '(alert note)']);
    expect(warnings).toEqual([expect.stringMatching(/entry 2 .*read-only guard/)]);
  });

  it('renders the note’s queries with an attacker-chosen value as one literal', () => {
    const { queries } = guideFromAlertNote(NOTE, {});
    const evil = "x' OR 1=1; ATTACH DATABASE '/tmp/p' AS p; --";
    for (const q of queries) {
      const r = renderQuery(q.sql, { 'user.name': [evil] });
      expect(r.status).toBe('ready');
      if (r.status === 'ready') expect(r.runs[0]?.sql).toContain("'x'' OR 1=1; ATTACH DATABASE ''/tmp/p'' AS p; --'");
    }
  });

  it('falls back to the heading for a name and stays valid for a note with nothing usable', () => {
    const named = guideFromAlertNote(NOTE, {});
    expect(named.guide.name.en).toBe('Odd Login');
    expect(named.guide.severity).toBe('medium');
    expect(named.guide.rule_id).toMatch(/^odd-login-[0-9a-f]{8}$/);

    const empty = guideFromAlertNote('', { ruleName: 'Nothing' });
    expect(Guide.safeParse(empty.guide).success).toBe(true);
    expect(empty.queries).toEqual([]);
    expect(empty.guide.steps).toHaveLength(1);
  });
});

describe('guideFromAlertNote on hostile notes', () => {
  it('reads pathological headings, related rules and many broken blocks in linear time', () => {
    const n = 50_000;
    const note = [
      `# ${'# '.repeat(n)}x`,
      '### Related rules',
      `- x${' '.repeat(n)}-`,
      `- ${'a -'.repeat(n / 4)} 0a1b2c3d-0000-4000-8000-00000000000`,
      '### Possible investigation steps',
      ...Array.from({ length: 1000 }, () => `- !{osquery{"query":"${'{'.repeat(100)}`),
      `- step ${'\n'.repeat(10)}:`,
    ].join('\n');
    const { guide, warnings } = guideFromAlertNote(note, { ruleName: 'Hostile' });
    expect(guide.related_rules).toHaveLength(2);
    expect(guide.related_rules.every((r) => r.rule_id === undefined)).toBe(true);
    expect(warnings.filter((w) => /malformed osquery block/.test(w))).toHaveLength(201);
    expect(warnings.at(-1)).toMatch(/more than 200 osquery blocks/);
  });

  it('never renders a hostile label or query into anything but data', () => {
    const note = '- !{osquery{"label":"\\u001b[2J\\u0000evil","query":"SELECT * FROM users WHERE username = {{user.name}}; DROP TABLE users"}}';
    const { queries, warnings } = guideFromAlertNote(note, {});
    expect(queries).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/read-only guard: only one statement/)]);
  });
});
