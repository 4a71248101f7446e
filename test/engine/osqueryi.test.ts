import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createOsqueryiEngine, findExecutable } from '../../src/engine/osqueryi.js';
import { selectEngine } from '../../src/engine/select.js';

const BIN = fileURLToPath(new URL('../fixtures/bin/', import.meta.url));
const standIn = (name: string) => createOsqueryiEngine(`${BIN}${name}`);
const run = (name: string, sql = 'SELECT * FROM processes', timeoutMs = 20_000) => standIn(name).run(sql, { timeoutMs });

describe('osqueryi engine with real stand-in executables', () => {
  it('reads rows and the version', async () => {
    const outcome = await run('osqueryi-rows');
    expect(outcome.status).toBe('ok');
    expect(outcome.exitCode).toBe(0);
    expect(outcome.columns).toEqual(['name', 'path', 'pid']);
    expect(outcome.rows[1]).toEqual({ name: 'kworker/0:1', path: '/tmp/.k', pid: '4242' });
    expect(await standIn('osqueryi-rows').info()).toEqual({ name: 'osqueryi', version: '5.12.1' });
  });

  it('judges by exit code, not by stderr: warnings with exit 0 are a success', async () => {
    const outcome = await run('osqueryi-warnings');
    expect(outcome.status).toBe('ok');
    expect(outcome.rows).toEqual([{ username: 'root', uid: '0' }]);
    expect(outcome.stderr).toContain('Could not autoload extensions');
  });

  it('reports a failed statement with osqueryi\'s message', async () => {
    const outcome = await run('osqueryi-sql-error');
    expect(outcome).toMatchObject({ status: 'error', exitCode: 1, error: 'Error: no such table: nonexistent' });
  });

  it('turns garbage, invalid UTF-8 and a crash into per-query errors', async () => {
    expect(await run('osqueryi-garbage')).toMatchObject({ status: 'error', error: expect.stringMatching(/not valid JSON/) });
    expect(await run('osqueryi-not-utf8')).toMatchObject({ status: 'error', error: expect.stringMatching(/not valid UTF-8/) });
    const crash = await run('osqueryi-crash');
    expect(crash.status).toBe('error');
    expect(crash.rows).toEqual([]);
  });

  it('kills a query that does not answer in time', async () => {
    const outcome = await run('osqueryi-hang', 'SELECT 1', 300);
    expect(outcome.status).toBe('timeout');
    expect(outcome.error).toMatch(/did not answer within 0.3 s/);
  });

  it('hands hostile SQL over as one argv element, no shell in between', async () => {
    const sql = "-- leading comment\nSELECT '$(touch /tmp/osq-pwn); `id` | cat > x' AS s";
    const outcome = await run('osqueryi-echo-argv', sql);
    expect(outcome.rows.map((r) => r.arg)).toEqual(['--json', "SELECT '$(touch /tmp/osq-pwn); `id` | cat > x' AS s"]);
  });

  it('an absent binary is one clear error, never a crash', async () => {
    const outcome = await createOsqueryiEngine('/nonexistent/osqueryi').run('SELECT 1', { timeoutMs: 5000 });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toMatch(/osqueryi not found at \/nonexistent\/osqueryi/);
  });
});

describe('selectEngine', () => {
  const env = { PATH: '/nonexistent-dir' };
  it('auto falls back to the built-in engine when osqueryi is absent', async () => {
    const s = await selectEngine({ choice: 'auto', env, cwd: '/' });
    expect(s.ok && s.info.name).toBe('builtin');
    if (s.ok) await s.engine.close?.();
  });
  it('auto picks osqueryi on PATH', async () => {
    expect(await findExecutable('osqueryi', { PATH: BIN }, '/')).toBe(`${BIN}osqueryi`);
    const s = await selectEngine({ choice: 'auto', env: { PATH: BIN }, cwd: '/', osqueryi: `${BIN}osqueryi-rows` });
    expect(s.ok && s.info).toEqual({ name: 'osqueryi', version: '5.12.1' });
  });
  it('says so in one line when osqueryi is asked for and absent', async () => {
    expect(await selectEngine({ choice: 'osqueryi', env, cwd: '/' })).toEqual({ ok: false, message: 'osqueryi is not installed (not on PATH); use --engine builtin or --osqueryi PATH' });
    expect(await selectEngine({ choice: 'auto', env, cwd: '/', osqueryi: '/no/such' })).toEqual({ ok: false, message: 'osqueryi not found or not executable at /no/such' });
    expect(await selectEngine({ choice: 'osqueryi', env, cwd: '/', root: '/mnt' })).toMatchObject({ ok: false });
    expect(await selectEngine({ choice: 'nope', env, cwd: '/' })).toMatchObject({ ok: false, message: expect.stringMatching(/unknown engine/) });
    expect(await selectEngine({ choice: 'ssh:-oProxyCommand=x', env, cwd: '/' })).toMatchObject({ ok: false });
  });
});
