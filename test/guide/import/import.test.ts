import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSources } from '../../../src/guide/import/files.js';
import { importRules } from '../../../src/guide/import/import.js';
import { buildQueryLibrary, prepareEntry, type QueryUse } from '../../../src/guide/import/queries.js';
import type { ImportResult } from '../../../src/guide/import/types.js';
import type { Guide, Step } from '../../../src/guide/model.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');

async function importFixtures(): Promise<ImportResult> {
  const { sources, errors } = await collectSources([FIXTURES]);
  expect(errors).toEqual([]);
  return importRules(sources);
}

function guide(result: ImportResult, ruleId: string): Guide {
  const found = result.guides.find((g) => g.guide.rule_id === ruleId);
  if (!found) throw new Error(`no guide ${ruleId}`);
  return found.guide;
}

function outline(steps: Step[]): unknown[] {
  return steps.map((s) => [s.text.en, s.queries, ...(s.steps.length > 0 ? [outline(s.steps)] : [])]);
}

const sqlOf = (result: ImportResult, id: string): string | undefined => result.queries.find((q) => q.id === id)?.sql;

describe('importRules on our fixtures', () => {
  it('imports the detection-rules TOML with nested steps, a missing reference and an unreferenced entry', async () => {
    const result = await importFixtures();
    const g = guide(result, '0a1b2c3d-0000-4000-8000-000000000001');
    expect(g).toMatchObject({
      name: { en: 'Cron Dropper Test Rule' },
      languages: ['en'],
      severity: 'medium',
      risk_score: 47,
      mitre: { tactics: ['TA0003'], techniques: ['T1053', 'T1053.003'] },
      platforms: ['linux'],
      fields: ['user.name'],
      summary: { en: 'A shell wrote a file where cron reads its jobs.\n\nCron runs whatever sits there, as the owner.' },
      origin: { kind: 'detection-rules-toml', file: 'rules/linux/persistence_cron_dropper.toml', version: 3 },
    });
    expect(outline(g.steps)).toEqual([
      ['Review the scheduled jobs on the host.', ['cron-entries']],
      ['Look at the account that wrote the file.', [], [
        ['Check its shell and home directory.', ['account-of-the-user']],
        ['Check files under its home cron directory', ['home-cron-files']],
      ]],
      ['Check whether an unknown job was added', []],
      ['Additional queries', ['loaded-modules']],
    ]);
    expect(g.response.map((r) => r.id)).toEqual(['isolate-the-host', 'remove-the-cron-entry', 'keep-a-copy-as-evidence', 'isolate-the-host-2']);
    expect(g.related_rules).toEqual([
      { rule_id: '0a1b2c3d-0000-4000-8000-000000000002', name: { en: 'Cron Job Created' } },
      { name: { en: 'Something Without An Id' } },
    ]);
    const messages = result.warnings.filter((w) => w.rule === 'Cron Dropper Test Rule').map((w) => w.message);
    expect(messages).toEqual([
      expect.stringMatching(/references \$osquery_7, which the rule does not list/),
      expect.stringMatching(/\$osquery_3 \("Osquery - Loaded Modules"\) is never referenced/),
      expect.stringMatching(/entry 4 \("Osquery - Attach A Database"\) left out: refused by the read-only guard/),
    ]);
  });

  it('converts {{field}} and {{ field }} to <<field>>, bare or inside quotes', async () => {
    const result = await importFixtures();
    expect(sqlOf(result, 'account-of-the-user')).toBe('SELECT uid, username, shell FROM users WHERE username = <<user.name>>');
    expect(sqlOf(result, 'home-cron-files')).toBe("SELECT path, mtime FROM file\nWHERE path LIKE '/home/<<user.name>>/.cron/%'");
    expect(result.queries.find((q) => q.id === 'authorized-keys')).toMatchObject({ fields: ['user.name'], tables: ['authorized_keys'] });
  });

  it('reads Kibana exports: a } inside a query string, malformed blocks reported, summary line skipped', async () => {
    const result = await importFixtures();
    const g = guide(result, '0a1b2c3d-0000-4000-8000-000000000010');
    expect(g.origin).toEqual({ kind: 'kibana-export', file: 'kibana/rules_export.ndjson:1', version: 5 });
    expect(g.mitre).toEqual({ tactics: ['TA0002'], techniques: ['T1059', 'T1059.004'] });
    expect(outline(g.steps)).toEqual([
      ['Find processes whose name holds a brace.', ['brace-in-query']],
      ['Check the user', ['user-with-quote']],
      ['Review cron.', ['cron-entries']],
      ['A broken block', []],
    ]);
    expect(sqlOf(result, 'brace-in-query')).toBe("SELECT pid, name FROM processes WHERE name LIKE '%}%'");
    expect(sqlOf(result, 'user-with-quote')).toBe(`SELECT * FROM users WHERE username = <<user.name>> AND description != 'say "hi" }'`);
    expect(result.warnings).toContainEqual(expect.objectContaining({ file: 'kibana/rules_export.ndjson:1', message: expect.stringMatching(/malformed osquery block at line 14: .*not valid JSON/) }));
    expect(guide(result, '0a1b2c3d-0000-4000-8000-000000000011')).toMatchObject({
      name: { en: 'Saved Object Test Rule' },
      severity: 'low',
      risk_score: 21,
      origin: { kind: 'kibana-export', file: 'kibana/rules_export.ndjson:2', version: 2 },
    });
  });

  it('skips what is not an importable rule, with reasons', async () => {
    const result = await importFixtures();
    expect(result.skipped).toEqual([
      { file: 'kibana/rules_export.ndjson:3', reason: 'not a detection rule (exception list, connector or other saved object)' },
      { file: 'kibana/rules_export.ndjson:4', rule: 'Export Rule Without Queries', reason: 'no osquery queries' },
      { file: 'rules/linux/discovery_no_queries.toml', rule: 'Rule Without Queries', reason: 'no osquery queries' },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('marks Windows-only queries and rules, and shares one query between rules', async () => {
    const result = await importFixtures();
    const byId = new Map(result.queries.map((q) => [q.id, q]));
    expect(byId.get('services-outside-system32')?.platforms).toEqual(['windows']);
    expect(byId.get('process-list')?.platforms).toEqual(['windows']);
    expect(byId.get('cron-entries')).toMatchObject({ platforms: ['linux', 'windows'], usedBy: 3 });
    expect(guide(result, '0a1b2c3d-0000-4000-8000-000000000004').platforms).toEqual(['windows']);
    expect(result.queries.every((q) => q.flags.length === 0)).toBe(true);
  });

  it('imports a markdown note with front matter, ignoring code fences', async () => {
    const result = await importFixtures();
    const g = guide(result, '0a1b2c3d-0000-4000-8000-000000000020');
    expect(g).toMatchObject({ name: { en: 'SSH Key Added Test Note' }, origin: { kind: 'markdown', file: 'notes/ssh_key_note.md' } });
    expect(outline(g.steps)).toEqual([
      ['Check which keys the account accepts.', ['authorized-keys']],
      ['Check who is logged in.', ['logged-in-users']],
    ]);
    expect(g.false_positives).toEqual([{ en: 'Provisioning adds keys on first boot.' }]);
  });

  it('keeps the first of two rules with the same rule_id', async () => {
    const { sources } = await collectSources([join(FIXTURES, 'rules', 'linux', 'persistence_cron_dropper.toml')]);
    const twice = [...sources, { ...sources[0]!, file: 'copy.toml' }];
    const result = importRules(twice);
    expect(result.guides).toHaveLength(1);
    expect(result.skipped).toEqual([expect.objectContaining({ file: 'copy.toml', reason: expect.stringMatching(/duplicate rule_id/) })]);
  });

  it('reports broken sources as errors', () => {
    const result = importRules([
      { format: 'toml', file: 'bad.toml', path: 'bad.toml', text: '[rule\nname = 1' },
      { format: 'ndjson', file: 'bad.ndjson', path: 'bad.ndjson', text: '{"rule_id": "x"\n' },
      { format: 'toml', file: 'plain.toml', path: 'plain.toml', text: 'a = 1' },
    ]);
    expect(result.errors).toEqual([
      { file: 'bad.toml', message: expect.stringMatching(/^not valid TOML/) },
      { file: 'bad.ndjson:1', message: expect.stringMatching(/^not a JSON line/) },
    ]);
    expect(result.skipped).toEqual([{ file: 'plain.toml', reason: 'not a detection rule (no [rule] table)' }]);
  });

  it('fills bad identity fields with stated defaults', () => {
    const text = [
      '[[transform.osquery]]', 'label = "L"', 'query = "SELECT * FROM users"',
      '[rule]', 'name = "Odd"', 'severity = "urgent"', 'risk_score = 500', 'note = "- $osquery_0"',
      '[[rule.threat]]', '[rule.threat.tactic]', 'id = "TAX"',
    ].join('\n');
    const result = importRules([{ format: 'toml', file: 'odd.toml', path: 'x/macos/odd.toml', text }]);
    expect(result.guides[0]?.guide).toMatchObject({ severity: 'medium', risk_score: 47, platforms: ['macos'], mitre: { tactics: [] } });
    expect(result.guides[0]?.guide.rule_id).toMatch(/^odd-[0-9a-f]{8}$/);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/no rule_id/),
      expect.stringMatching(/severity "urgent"/),
      expect.stringMatching(/risk_score 500/),
      expect.stringMatching(/MITRE id "TAX"/),
    ]);
    expect(result.queries[0]?.platforms).toEqual(['macos']);
  });

  it('skips a rule whose every query is unusable', () => {
    const text = '[[transform.osquery]]\nlabel = "W"\nquery = "DELETE FROM users"\n[rule]\nrule_id = "r"\nname = "W"\nseverity = "low"\nrisk_score = 21\nnote = "- $osquery_0"';
    const result = importRules([{ format: 'toml', file: 'w.toml', path: 'w.toml', text }]);
    expect(result.guides).toEqual([]);
    expect(result.skipped).toEqual([{ file: 'w.toml', rule: 'W', reason: 'no usable osquery queries' }]);
    expect(result.warnings[0]?.message).toMatch(/read-only guard/);
  });
});

describe('buildQueryLibrary', () => {
  const use = (label: string, query: string, guide: number): QueryUse => {
    const p = prepareEntry({ label, query });
    if (!p.ok) throw new Error(p.reason);
    return { ...p, platform: 'linux', guide };
  };

  it('adds a short hash only when one label names several queries, and dedupes by whitespace-collapsed SQL', () => {
    const lib = buildQueryLibrary([
      use('Osquery - File Info', 'SELECT * FROM file WHERE path = {{file.path}}', 0),
      use('Osquery - File Info', "SELECT * FROM file WHERE path LIKE '/etc/%'", 1),
      use('Osquery - File Information', 'SELECT *  FROM file\n WHERE path = {{file.path}};', 2),
      use('Osquery - Users', 'SELECT * FROM users', 2),
    ]);
    expect(lib.queries.map((q) => q.id)).toEqual([expect.stringMatching(/^file-info-[0-9a-f]{6}$/), expect.stringMatching(/^file-info-[0-9a-f]{6}$/), 'users']);
    const shared = lib.queries.find((q) => q.usedBy === 2);
    expect(shared?.title.en).toBe('Osquery - File Info');
  });

  it('keeps the id of an existing query with the same SQL and never reuses a taken id', () => {
    const lib = buildQueryLibrary(
      [use('Osquery - Users', 'SELECT * FROM users', 0), use('Osquery - Groups', 'SELECT * FROM groups', 0)],
      [{ id: 'my-users', sql: 'SELECT *\nFROM users' }, { id: 'groups', sql: 'SELECT gid FROM groups' }],
    );
    expect(lib.queries.map((q) => q.id)).toEqual([expect.stringMatching(/^groups-[0-9a-f]{6}$/), 'my-users']);
  });

  it('refuses entries that cannot run safely or read no table', () => {
    expect(prepareEntry({ label: 'x', query: 'SELECT 1; SELECT 2' })).toMatchObject({ ok: false, reason: /stacked/ });
    expect(prepareEntry({ label: 'x', query: 'SELECT 1' })).toMatchObject({ ok: false, reason: 'the query reads no osquery table' });
    expect(prepareEntry({ label: 'x', query: '  ' })).toMatchObject({ ok: false, reason: 'the query is empty' });
    expect(prepareEntry({ label: 'x', query: "SELECT * FROM users WHERE username = 'x" })).toMatchObject({ ok: false });
  });
});
