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
  '- Check the account: !{osquery{"label":"Osquery - Retrieve Information for a Specific User","query":"SELECT * FROM users WHERE username = {{user.name}}"}}',
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
      ['Check the account', [expect.stringMatching(/^retrieve-information-for-a-specific-user-[0-9a-f]{6}$/)]],
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
