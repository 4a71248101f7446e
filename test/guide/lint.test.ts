import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatViolation, lintLibrary, type Violation } from '../../src/guide/lint.js';
import { loadLibrary } from '../../src/guide/load.js';
import { packageRoot } from '../../src/guide/paths.js';

const BAD = join(packageRoot(), 'test', 'fixtures', 'guides-bad');

/** Each fixture directory holds exactly one kind of mistake; these are the lines lint must print for it. */
const EXPECTED: Record<string, RegExp[]> = {
  'unknown-query-id': [/g\.yaml: steps\[0\]\.queries\[0\]: unknown query id no-such-query$/],
  'undeclared-placeholder': [/g\.yaml: steps\[0\]\.queries\[0\]: query fx-user-by-name reads <<user\.name>> but the guide's fields do not list user\.name$/],
  'query-fields-mismatch': [
    /fx-fields-mismatch\.sql: fields: SQL reads <<user\.name>> but the header's fields do not list user\.name$/,
    /fx-fields-mismatch\.sql: fields: header lists field file\.path but the SQL has no <<file\.path>>$/,
  ],
  'missing-translation': [
    /g\.yaml: name: missing zh-CN text/,
    /g\.yaml: summary: missing zh-CN text/,
    /g\.yaml: steps\[0\]\.text: missing zh-CN text/,
    /fx-translation\.sql: title: missing zh-CN text/,
    /fx-translation\.sql: flags\[0\]\.reason: missing zh-CN text/,
  ],
  'duplicate-rule-id': [/b\.yaml: rule_id: duplicate rule_id fx-duplicate-rule \(also in .*a\.yaml\)$/],
  'duplicate-query-id': [
    /fx-dup-query\.sql: id: duplicate query id fx-dup-query \(also in .*fx-dup-query-copy\.sql\)$/,
    /fx-dup-query-copy\.sql: id: query id fx-dup-query does not match the file name fx-dup-query-copy\.sql$/,
  ],
  'id-file-mismatch': [/fx-file-name\.sql: id: query id fx-id-in-header does not match the file name fx-file-name\.sql$/],
  'guard-refusal': [/fx-guard\.sql: read-only guard refuses the query: only one statement/],
  'unknown-table': [
    /fx-unknown-table\.sql: table launchd is not an osquery table on Linux$/,
    /fx-unknown-table\.sql: flags: flags cannot be checked: no column list for table launchd/,
  ],
  'tables-mismatch': [
    /fx-tables-mismatch\.sql: tables: SQL reads table groups but the header's tables do not list it$/,
    /fx-tables-mismatch\.sql: tables: header lists table processes but the SQL does not read it$/,
  ],
  'bad-flag': [
    /fx-bad-flag\.sql: flags\[0\]\.when: flag condition does not compile over the result columns: no such column: shell$/,
    /fx-bad-flag\.sql: flags\[1\]\.when: flag condition does not compile over the result columns: .*syntax error/,
  ],
  'sql-does-not-compile': [/fx-no-compile\.sql: SQL does not compile against osquery's columns: no such column: login_name$/],
  'duplicate-result-column': [/fx-dup-column\.sql: result has two columns named path/],
  'load-problem': [
    /broken\.yaml: not valid YAML/,
    /invalid\.yaml: severity: /,
    /invalid\.yaml: risk_score: /,
    /invalid\.yaml: steps: /,
    /fx-no-header\.sql: missing \/\* YAML metadata header \*\/ before the SQL$/,
  ],
};

async function lintDirs(dirs: string[]): Promise<string[]> {
  const violations: Violation[] = await lintLibrary(await loadLibrary(dirs));
  return violations.map(formatViolation);
}

/** Every expected pattern matches exactly one line, and no line is left unexplained. */
function expectExactly(lines: string[], patterns: RegExp[]): void {
  for (const p of patterns) expect(lines.filter((l) => p.test(l)), `${p} in\n${lines.join('\n')}`).toHaveLength(1);
  const unexplained = lines.filter((l) => !patterns.some((p) => p.test(l)));
  expect(unexplained).toEqual([]);
}

describe('lint catches each kind of mistake', () => {
  it('has a fixture for every kind and an expectation for every fixture', () => {
    expect(readdirSync(BAD).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [kind, patterns] of Object.entries(EXPECTED)) {
    it(kind, async () => {
      expectExactly(await lintDirs([join(BAD, kind)]), patterns);
    });
  }

  it('lists every violation of every fixture in one run', async () => {
    const kinds = Object.keys(EXPECTED);
    const lines = await lintDirs(kinds.map((k) => join(BAD, k)));
    for (const kind of kinds) {
      const own = lines.filter((l) => l.includes(`${join(BAD, kind)}/`));
      expectExactly(own, EXPECTED[kind] ?? []);
    }
    expect(lines.length).toBe(Object.values(EXPECTED).reduce((n, p) => n + p.length, 0));
  });
});

describe('flag conditions', () => {
  it('refuses a flag that is more than one expression', async () => {
    const { checkQuerySql } = await import('../../src/guide/lint-sql.js');
    const base = {
      id: 'q', title: { en: 'q' }, fields: [], tables: ['users'], platforms: ['linux' as const], file: 'q.sql',
      sql: 'SELECT username, uid FROM users',
    };
    const flag = (when: string) => ({ when, severity: 'low' as const, reason: { en: 'r' } });
    const check = async (when: string) => (await checkQuerySql({ ...base, flags: [flag(when)] })).map((v) => v.message);
    expect(await check("username = 'root'")).toEqual([]);
    expect(await check("CAST(uid AS INTEGER) = 0 AND username GLOB 'r*'")).toEqual([]);
    expect((await check('1); DROP TABLE result; SELECT (1'))[0]).toMatch(/one expression/);
    expect((await check('uid = 0 -- and more'))[0]).toMatch(/comments/);
    expect((await check('uid = 0) OR (1'))[0]).toMatch(/unbalanced/);
    expect((await check("username = 'root"))[0]).toMatch(/unterminated/);
    expect((await check('username = <<user.name>>'))[0]).toMatch(/placeholders/);
  });

  it('knows osquery functions and their argument counts', async () => {
    const { checkQuerySql } = await import('../../src/guide/lint-sql.js');
    const query = (sql: string) => ({
      id: 'q', title: { en: 'q' }, fields: [], tables: ['users'], platforms: ['linux' as const], file: 'q.sql', sql,
      flags: [{ when: "a = 'x'", severity: 'low' as const, reason: { en: 'r' } }],
    });
    expect(await checkQuerySql(query("SELECT split(directory, '/', 1) AS a, concat(username, ':', uid) AS b FROM users"))).toEqual([]);
    const wrong = await checkQuerySql(query("SELECT split(directory, '/') AS a FROM users"));
    expect(wrong.map((v) => v.message).join('\n')).toMatch(/wrong number of arguments to function split/);
  });
});
