import { describe, expect, it } from 'vitest';
import { referencedTables, tableReferences } from '../../src/sql/tables.js';
import { placeholderFields } from '../../src/sql/placeholders.js';
import { tokenize } from '../../src/sql/tokenize.js';

describe('referencedTables', () => {
  it('finds FROM and JOIN tables with aliases', () => {
    expect(tableReferences('SELECT f.path, u.username FROM file f LEFT JOIN users AS u ON f.uid = u.uid LEFT JOIN groups g ON f.gid = g.gid WHERE f.path = 1')).toEqual([
      { table: 'file', aliases: ['f'] },
      { table: 'users', aliases: ['u'] },
      { table: 'groups', aliases: ['g'] },
    ]);
  });
  it('follows comma joins and subqueries, skips CTEs and table functions', () => {
    expect(referencedTables('SELECT * FROM processes p, users u WHERE p.uid = u.uid')).toEqual(['processes', 'users']);
    expect(referencedTables('SELECT * FROM users WHERE uid IN (SELECT uid FROM processes)')).toEqual(['users', 'processes']);
    expect(referencedTables("WITH RECURSIVE tree(pid) AS (SELECT pid FROM processes WHERE pid = '1' UNION ALL SELECT p.pid FROM processes p JOIN tree ON p.parent = tree.pid) SELECT * FROM tree JOIN users ON 1")).toEqual(['processes', 'users']);
    expect(referencedTables("SELECT * FROM json_each('[1]'), (SELECT * FROM mounts) m")).toEqual(['mounts']);
    expect(referencedTables("SELECT 'FROM users' AS s -- FROM groups")).toEqual([]);
  });
});

describe('tokenize and placeholders', () => {
  it('reads strings, identifiers, comments and placeholders', () => {
    const kinds = tokenize(`SELECT "a""b", [c], x'00', 'it''s <<u.n>>' -- <<c.d>>\n/* x */ <<file.path>> ?1`).filter((t) => t.kind !== 'space').map((t) => t.kind);
    expect(kinds).toEqual(['identifier', 'quoted-identifier', 'punct', 'quoted-identifier', 'punct', 'blob', 'punct', 'string', 'comment', 'comment', 'placeholder', 'parameter']);
    expect(placeholderFields("SELECT <<a.b>>, '<<c>>/<< a.b >>' -- <<d>>")).toEqual(['a.b', 'c']);
  });
});
