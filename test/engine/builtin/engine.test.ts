import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinEngine, osqueryiRows } from '../../../src/engine/builtin/engine.js';

const engine = createBuiltinEngine();
afterAll(async () => engine.close?.());

describe('createBuiltinEngine', () => {
  it('names itself and its osquery generation', async () => {
    const info = await engine.info();
    expect(info.name).toBe('builtin');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+ \(osquery 5\.x tables\)$/);
    expect(engine.name).toBe('builtin');
  });

  it("returns rows as osqueryi's JSON has them: strings, NULL as \"\", a repeated name once with its last value", async () => {
    const outcome = await engine.run("SELECT 1 AS a, NULL AS b, 'x' AS a, 2.5 AS c", { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ status: 'ok', exitCode: 0, columns: ['a', 'b', 'c'], rows: [{ a: 'x', b: '', c: '2.5' }], stderr: '' });
    expect(outcome.error).toBeUndefined();
    expect(Date.parse(outcome.startedAt)).not.toBeNaN();
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a guard refusal as blocked, a SQLite failure as error, and never throws', async () => {
    expect(await engine.run("ATTACH DATABASE 'x.db' AS x", { timeoutMs: 30_000 })).toMatchObject({ status: 'blocked', exitCode: null });
    expect(await engine.run('SELECT * FROM nope', { timeoutMs: 30_000 })).toMatchObject({
      status: 'error',
      exitCode: 1,
      error: 'no such table: nope',
      stderr: 'Error: no such table: nope\n',
    });
    expect(await engine.run('SELECT * FROM file', { timeoutMs: 30_000 })).toMatchObject({
      status: 'error',
      error: 'Table file was queried without a required column in the WHERE clause',
    });
  });

  it('keeps a column literally named __proto__', () => {
    const { rows } = osqueryiRows(['__proto__'], [['x']]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['__proto__']);
    expect(JSON.stringify(rows)).toBe('[{"__proto__":"x"}]');
  });
});
