import { describe, expect, it } from 'vitest';
import { checkReadOnly } from '../../src/sql/guard.js';

const ALLOWED = [
  'SELECT * FROM users',
  'select pid, name from processes where name like \'%kworker%\';',
  "WITH RECURSIVE a(pid) AS (SELECT 1 UNION ALL SELECT pid + 1 FROM a WHERE pid < 3) SELECT * FROM a",
  'VALUES (1), (2)',
  "SELECT replace(path, '/', '_') FROM file WHERE path = '/etc/passwd'",
  "SELECT 'ATTACH DATABASE x; DROP TABLE y; sleep(5)' AS s",
  'SELECT 1 -- ; DELETE FROM users',
  'SELECT 1 /* ; PRAGMA writable_schema=1 */',
  "SELECT * FROM users WHERE username = 'update'",
];

const REFUSED: [string, RegExp][] = [
  ["ATTACH DATABASE '/tmp/x.db' AS x", /only SELECT/],
  ["SELECT 1; ATTACH DATABASE '/tmp/x.db' AS x", /stacked/],
  ['SELECT 1; SELECT 2', /stacked/],
  ['PRAGMA table_info(users)', /only SELECT/],
  ['WITH x AS (SELECT 1) DELETE FROM users', /DELETE/],
  ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', /INSERT/],
  ['WITH x AS (SELECT 1) REPLACE INTO t SELECT * FROM x', /REPLACE/],
  ["SELECT * FROM carves WHERE path = '/etc/shadow' AND carve = 1", /carves/],
  ["SELECT * FROM curl WHERE url = 'http://example.invalid/'", /curl/],
  ["SELECT * FROM curl_certificate WHERE hostname = 'x:443'", /curl_certificate/],
  ["SELECT carve('/etc/shadow')", /carve/],
  ['SELECT sleep(100)', /sleep/],
  ["SELECT load_extension('/tmp/evil.so')", /load_extension/],
  ['SELECT * FROM pragma_table_info(\'users\')', /pragma/],
  ["SELECT 'unterminated", /unterminated/],
  ['SELECT 1 /* open', /unterminated/],
  ['SELECT * FROM users WHERE username = <<user.name>>', /placeholder/],
  ['', /empty/],
  [';;', /empty/],
  ['CREATE TABLE t(x)', /only SELECT/],
  ['SELECT * FROM users WHERE uid = ?', /parameter/],
];

describe('checkReadOnly', () => {
  it.each(ALLOWED)('allows %s', (sql) => {
    expect(checkReadOnly(sql)).toEqual({ ok: true });
  });
  it.each(REFUSED)('refuses %s', (sql, reason) => {
    const v = checkReadOnly(sql);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(reason);
  });
});
