import { beforeAll, describe, expect, it } from 'vitest';
import { statementContext } from '../../../src/engine/builtin/executor.js';
import { tableRegistry } from '../../../src/engine/builtin/registry.js';
import { runStatement } from '../../../src/engine/builtin/run-statement.js';
import { loadSqlite, type Sqlite } from '../../../src/engine/builtin/sqlite.js';
import { TableError, type Constraint, type TableContext, type TableRow, type TableSpec } from '../../../src/engine/builtin/table.js';

/** A synthetic table that counts how often it is generated and records the constraints it was given. */
function table(
  name: string,
  columns: TableSpec['columns'],
  rows: TableRow[] | ((ctx: TableContext) => TableRow[]),
  options: { liveOnly?: boolean } = {},
) {
  const calls: Constraint[][] = [];
  const spec: TableSpec = {
    name,
    columns,
    liveOnly: options.liveOnly ?? false,
    async generate(ctx) {
      calls.push(ctx.constraints);
      return typeof rows === 'function' ? rows(ctx) : rows;
    },
  };
  return { spec, calls };
}

const people = table(
  'people',
  [
    { name: 'id', type: 'BIGINT' },
    { name: 'name', type: 'TEXT' },
    { name: 'home', type: 'TEXT' },
    { name: 'secret', type: 'TEXT', hidden: true },
    { name: 'score', type: 'DOUBLE' },
  ],
  [
    { id: 1, name: 'root', home: '/root', secret: 's1', score: 1.5 },
    { id: 1000n, name: 'alice', home: null, secret: 's2', score: 2 },
    { id: 9223372036854775807n, name: 'big', home: '/big' },
  ],
);
const places = table('places', [{ name: 'path', type: 'TEXT', required: true }, { name: 'size', type: 'INTEGER' }], [
  { path: '/root', size: 10 },
  { path: '/tmp', size: 20 },
]);
const live = table('kernel', [{ name: 'x', type: 'INTEGER' }], [{ x: 1 }], { liveOnly: true });
const picky = table('picky', [{ name: 'path', type: 'TEXT', required: true }], (ctx) => {
  if (!ctx.constraints.some((c) => c.column === 'path')) {
    throw new TableError('Table picky was queried without a required column in the WHERE clause');
  }
  return ctx.constraints.flatMap((c) => c.values.map((path) => ({ path })));
});

const registry = tableRegistry([people.spec, places.spec, live.spec, picky.spec]);
let sqlite: Sqlite;
beforeAll(async () => {
  sqlite = await loadSqlite();
});

const run = (sql: string, root?: string) => runStatement(sqlite, sql, statementContext({ tables: registry, root }));

describe('runStatement', () => {
  it('builds only the tables the statement names', async () => {
    const before = { people: people.calls.length, places: places.calls.length };
    const r = await run("SELECT name FROM people WHERE name = 'root'");
    expect(r).toMatchObject({ status: 'ok', columns: ['name'], rows: [['root']], built: ['people'] });
    expect(people.calls.length).toBe(before.people + 1);
    expect(places.calls.length).toBe(before.places);
    expect(people.calls.at(-1)).toEqual([{ column: 'name', op: '=', values: ['root'] }]);
  });

  it('returns SELECT * in spec order without hidden columns, values as SQLite text, NULL as null', async () => {
    const r = await run('SELECT * FROM people ORDER BY id');
    expect(r.columns).toEqual(['id', 'name', 'home', 'score']);
    expect(r.rows).toEqual([
      ['1', 'root', '/root', '1.5'],
      ['1000', 'alice', null, '2.0'],
      ['9223372036854775807', 'big', '/big', null],
    ]);
  });

  it('lets a hidden column be selected by name', async () => {
    const r = await run('SELECT name, secret FROM people WHERE id = 1');
    expect(r.rows).toEqual([['root', 's1']]);
  });

  it('keeps duplicate column names as SQLite returns them (the engine collapses them)', async () => {
    const r = await run('SELECT 1 AS a, 2 AS a');
    expect(r).toMatchObject({ columns: ['a', 'a'], rows: [['1', '2']] });
  });

  it("reports an unknown table in SQLite's words, without building anything", async () => {
    const before = people.calls.length;
    const r = await run('SELECT * FROM people JOIN nosuch USING (id)');
    expect(r).toMatchObject({ status: 'error', error: 'no such table: nosuch', built: [] });
    expect(people.calls.length).toBe(before);
  });

  it("surfaces a table's own error as the statement's error", async () => {
    const r = await run('SELECT * FROM picky');
    expect(r).toMatchObject({ status: 'error', error: 'Table picky was queried without a required column in the WHERE clause' });
  });

  it('gives a table the values of a join or subquery, building the other table first', async () => {
    const joined = await run('SELECT p.name, k.path FROM people p JOIN picky k ON k.path = p.home ORDER BY p.id');
    expect(joined).toMatchObject({ status: 'ok', rows: [['root', '/root'], ['big', '/big']], built: ['people', 'picky'] });
    const sub = await run("SELECT path FROM picky WHERE path IN (SELECT home FROM people WHERE name = 'root')");
    expect(sub).toMatchObject({ status: 'ok', rows: [['/root']] });
    const using = await run('SELECT path, size FROM places JOIN picky USING (path) ORDER BY path');
    expect(using).toMatchObject({ status: 'ok', rows: [['/root', '10'], ['/tmp', '20']] });
  });

  it('skips generating a table no row of which can be used', async () => {
    const before = picky.calls.length;
    const r = await run("SELECT * FROM people p JOIN picky k ON k.path = p.home WHERE p.name = 'nobody' AND p.home = 'x'");
    expect(r.status).toBe('ok');
    expect(picky.calls.length).toBe(before + 1);
    const none = await run("SELECT * FROM picky WHERE path IN (SELECT home FROM people WHERE name = 'nobody')");
    expect(none).toMatchObject({ status: 'ok', rows: [] });
    expect(picky.calls.length).toBe(before + 1);
  });

  it('refuses live-only tables on a mounted image, with a clear message', async () => {
    const r = await run('SELECT * FROM kernel', '/mnt/image');
    expect(r.status).toBe('error');
    expect(r.error).toContain('not available when triaging a mounted image');
    expect((await run('SELECT * FROM kernel')).rows).toEqual([['1']]);
  });

  it('blocks what the read-only guard refuses', async () => {
    for (const sql of ["ATTACH DATABASE '/tmp/x.db' AS x", 'PRAGMA table_info(people)', 'SELECT 1; SELECT 2', "SELECT 1; DROP TABLE people"]) {
      expect((await run(sql)).status, sql).toBe('blocked');
    }
    expect((await run("SELECT 'ATTACH; PRAGMA' AS t")).rows).toEqual([['ATTACH; PRAGMA']]);
  });

  it('keeps the rows read before a runtime failure', async () => {
    const r = await run("SELECT name, CASE WHEN id > 1 THEN regex_match(name, name || '(', 0) END AS m FROM people");
    expect(r).toMatchObject({ status: 'error', error: 'Invalid regex', rows: [['root', null]] });
  });

  it('passes numeric constraint values as SQLite reads them against numeric columns', async () => {
    await run("SELECT * FROM people WHERE id IN ('0012', 12.0, 0x0C)");
    expect(people.calls.at(-1)).toEqual([{ column: 'id', op: '=', values: ['12'] }]);
  });
});
