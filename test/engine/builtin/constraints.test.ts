import { describe, expect, it } from 'vitest';
import { constraintHints, type ConstraintHint } from '../../../src/sql/constraints.js';

/** Hints for one table, as plain objects (sources left out when empty) for readable expectations. */
function hintsOf(sql: string, table: string): Partial<ConstraintHint>[] | undefined {
  return constraintHints(sql).get(table)?.map((h) => (h.sources.length > 0 ? h : { column: h.column, op: h.op, values: h.values }));
}

describe('constraintHints: literal comparisons', () => {
  it('finds col = literal and literal = col, qualified or not', () => {
    expect(hintsOf("SELECT * FROM file WHERE path = '/etc/passwd'", 'file')).toEqual([
      { column: 'path', op: '=', values: ['/etc/passwd'] },
    ]);
    expect(hintsOf("SELECT * FROM file f WHERE '/etc/shadow' = f.path", 'file')).toEqual([
      { column: 'path', op: '=', values: ['/etc/shadow'] },
    ]);
    expect(hintsOf("SELECT * FROM file AS f WHERE f.\"path\" == '/x'", 'file')).toEqual([
      { column: 'path', op: '=', values: ['/x'] },
    ]);
  });

  it('reads IN lists, LIKE patterns, IS, numbers (hex as decimal, signs)', () => {
    expect(hintsOf("SELECT * FROM file WHERE path IN ('/a', '/b''c')", 'file')).toEqual([
      { column: 'path', op: 'IN', values: ['/a', "/b'c"] },
    ]);
    expect(hintsOf("SELECT * FROM file WHERE directory LIKE '/tmp/%%'", 'file')).toEqual([
      { column: 'directory', op: 'LIKE', values: ['/tmp/%%'] },
    ]);
    expect(hintsOf('SELECT * FROM processes WHERE pid IS 0x10 AND parent = -1', 'processes')).toEqual([
      { column: 'pid', op: '=', values: ['16'] },
      { column: 'parent', op: '=', values: ['-1'] },
    ]);
  });

  it('is not fooled by keywords inside strings or comments', () => {
    const sql = "SELECT * FROM file /* WHERE path = 'no' */ WHERE path = 'x OR path = ''y''' -- OR path = 'z'\n";
    expect(hintsOf(sql, 'file')).toEqual([{ column: 'path', op: '=', values: ["x OR path = 'y'"] }]);
    expect(hintsOf("SELECT 'FROM file WHERE path = 1' AS q FROM users WHERE username = 'FROM'", 'users')).toEqual([
      { column: 'username', op: '=', values: ['FROM'] },
    ]);
    expect(constraintHints("SELECT 'FROM file WHERE path = 1' AS q FROM users").has('file')).toBe(false);
  });
});

describe('constraintHints: AND, OR, NOT and what is not understood', () => {
  it('unites OR branches that all constrain the column', () => {
    expect(hintsOf("SELECT * FROM file WHERE path = '/a' OR path = '/b' OR path IN ('/c')", 'file')).toEqual([
      { column: 'path', op: 'IN', values: ['/a', '/b', '/c'] },
    ]);
    expect(hintsOf("SELECT * FROM file WHERE (path = '/a' AND size > 1) OR (path = '/b')", 'file')).toEqual([
      { column: 'path', op: 'IN', values: ['/a', '/b'] },
    ]);
  });

  it('drops a column one OR branch leaves free', () => {
    expect(hintsOf("SELECT * FROM processes WHERE pid = 1 OR name = 'bash'", 'processes')).toEqual([]);
  });

  it('mixes = and LIKE in one OR as patterns', () => {
    expect(hintsOf("SELECT * FROM file WHERE path = '/a' OR path LIKE '/b/%'", 'file')).toEqual([
      { column: 'path', op: 'LIKE', values: ['/b/%', '/a'] },
    ]);
  });

  it('ignores NOT, NOT IN, NOT LIKE, comparisons with expressions, COLLATE and functions', () => {
    for (const where of [
      "NOT path = '/a'", "path NOT IN ('/a')", "path NOT LIKE '/a'", "lower(path) = '/a'", "path = lower('/A') COLLATE NOCASE",
      "path = '/a' COLLATE NOCASE", "path IS NOT '/a'", "path = upper(name)", "path != '/a'", "path > '/a'",
    ]) {
      expect(hintsOf(`SELECT * FROM file WHERE ${where}`, 'file'), where).toEqual([]);
    }
  });

  it('takes a value SQLite computes from literals and functions, as osquery receives it', () => {
    expect(hintsOf("SELECT * FROM file WHERE path = replace('/x.timer', '.timer', '.service')", 'file')).toEqual([
      { column: 'path', op: 'IN', values: [], sources: [{ kind: 'subquery', sql: "SELECT (replace('/x.timer', '.timer', '.service'))" }] },
    ]);
    expect(hintsOf("SELECT * FROM file WHERE path = '/a' || 'b'", 'file')).toEqual([
      { column: 'path', op: 'IN', values: [], sources: [{ kind: 'subquery', sql: "SELECT ('/a' || 'b')" }] },
    ]);
  });

  it('keeps AND terms around BETWEEN and CASE', () => {
    expect(hintsOf("SELECT * FROM file WHERE size BETWEEN 1 AND 5 AND path = '/a'", 'file')).toEqual([
      { column: 'path', op: '=', values: ['/a'] },
    ]);
    expect(hintsOf("SELECT * FROM file WHERE CASE WHEN 1 AND 2 THEN 1 END AND path = '/a'", 'file')).toEqual([
      { column: 'path', op: '=', values: ['/a'] },
    ]);
  });
});

describe('constraintHints: tables, aliases, joins and subqueries', () => {
  it('keeps constraints with the table they qualify', () => {
    const sql = "SELECT * FROM processes p JOIN users u ON u.uid = p.uid WHERE p.name = 'sshd' AND u.username = 'root'";
    expect(hintsOf(sql, 'processes')).toContainEqual({ column: 'name', op: '=', values: ['sshd'] });
    expect(hintsOf(sql, 'processes')).not.toContainEqual(expect.objectContaining({ column: 'username' }));
    expect(hintsOf(sql, 'users')).toContainEqual({ column: 'username', op: '=', values: ['root'] });
  });

  it('turns col = other.col into a value source', () => {
    const hints = constraintHints('SELECT * FROM processes p JOIN file f ON f.path = p.path').get('file');
    expect(hints).toEqual([{ column: 'path', op: 'IN', values: [], sources: [{ kind: 'column', table: 'processes', column: 'path' }] }]);
  });

  it('turns JOIN ... USING (col) into value sources both ways', () => {
    const sql = "SELECT path, sha256 FROM file JOIN hash USING (path) WHERE file.directory = '/etc'";
    expect(constraintHints(sql).get('hash')).toEqual([
      { column: 'path', op: 'IN', values: [], sources: [{ kind: 'column', table: 'file', column: 'path' }] },
    ]);
    expect(constraintHints(sql).get('file')).toContainEqual({ column: 'directory', op: '=', values: ['/etc'], sources: [] });
  });

  it('turns col IN (SELECT ...) into a subquery source and reads the subquery as its own scope', () => {
    const sql = "SELECT * FROM file WHERE path IN (SELECT path FROM processes WHERE name = 'nc')";
    expect(constraintHints(sql).get('file')).toEqual([
      { column: 'path', op: 'IN', values: [], sources: [{ kind: 'subquery', sql: "SELECT path FROM processes WHERE name = 'nc'" }] },
    ]);
    expect(hintsOf(sql, 'processes')).toEqual([{ column: 'name', op: '=', values: ['nc'] }]);
  });

  it('needs every reading of a table to constrain a column', () => {
    expect(hintsOf('SELECT * FROM processes WHERE pid = 1 UNION SELECT * FROM processes', 'processes')).toEqual([]);
    expect(hintsOf('SELECT * FROM processes WHERE pid = 1 UNION SELECT * FROM processes WHERE pid = 2', 'processes')).toEqual([
      { column: 'pid', op: 'IN', values: ['1', '2'] },
    ]);
  });

  it('does not apply a LEFT JOIN condition to the tables on its left', () => {
    const sql = "SELECT * FROM users u LEFT JOIN processes p ON p.uid = u.uid AND p.name = 'x' AND u.username = 'y'";
    expect(hintsOf(sql, 'users')).toEqual([]);
    expect(hintsOf(sql, 'processes')).toContainEqual({ column: 'name', op: '=', values: ['x'] });
  });

  it('does not treat CTE names, subqueries or table-valued functions as tables', () => {
    const sql = "WITH f AS (SELECT * FROM file WHERE path = '/a') SELECT * FROM f, json_each('[1]') j, (SELECT 1) s WHERE f.path = '/b'";
    const hints = constraintHints(sql);
    expect([...hints.keys()]).toEqual(['file']);
    expect(hintsOf(sql, 'file')).toEqual([{ column: 'path', op: '=', values: ['/a'] }]);
  });

  it('follows correlated subqueries to the outer table', () => {
    const sql = 'SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM processes p WHERE p.uid = u.uid)';
    expect(constraintHints(sql).get('processes')).toEqual([
      { column: 'uid', op: 'IN', values: [], sources: [{ kind: 'column', table: 'users', column: 'uid' }] },
    ]);
  });

  it('survives broken SQL', () => {
    for (const sql of ['SELECT * FROM', 'SELECT * FROM file WHERE (path = ', "SELECT * FROM file WHERE path = 'x", ')))', '']) {
      expect(() => constraintHints(sql)).not.toThrow();
    }
  });
});
