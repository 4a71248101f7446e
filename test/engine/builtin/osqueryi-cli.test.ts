/**
 * `osq-triage osqueryi` end to end: the built CLI spawned as a real process (run `npm run build` first; `npm test`
 * does), and the built engine's worker thread stopping a runaway statement.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');

function osqueryi(args: string[], stdin = ''): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'osqueryi', ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests (npm test does)`);
});

describe('osqueryi output formats', () => {
  it('--json: one row per line, keys sorted, every value a string, NULL as "", duplicate names collapsed', () => {
    const r = osqueryi(['--json', `SELECT 1 AS b, 'x"y\\' AS a, NULL AS n, 2.5 AS b, char(9) AS t`]);
    expect(r).toEqual({ stdout: '[\n  {"a":"x\\"y\\\\","b":"2.5","n":"","t":"\\t"}\n]\n', stderr: '', code: 0 });
    expect(osqueryi(['--json', 'SELECT 1 AS x UNION ALL SELECT 2']).stdout).toBe('[\n  {"x":"1"},\n  {"x":"2"}\n]\n');
  });

  it('--json: an empty result prints an empty array', () => {
    expect(osqueryi(['--json', 'SELECT 1 WHERE 0'])).toEqual({ stdout: '[\n\n]\n', stderr: '', code: 0 });
  });

  it('--json_pretty indents by four spaces', () => {
    expect(osqueryi(['--json_pretty', 'SELECT 2 AS b, 1 AS a']).stdout).toBe('[\n    {\n        "a": "1",\n        "b": "2"\n    }\n]\n');
    expect(osqueryi(['--json_pretty', 'SELECT 1 WHERE 0']).stdout).toBe('[]\n');
  });

  it('--csv keeps the | separator unless --separator is given, and quotes like the SQLite shell', () => {
    expect(osqueryi(['--csv', "SELECT 1 AS a, 'x y' AS b"]).stdout).toBe('a|b\n1|"x y"\n');
    expect(osqueryi(['--csv', '--separator=,', "SELECT 1 AS a, 'x,y' AS b, NULL AS c, 'q\"' AS d"]).stdout).toBe(
      'a,b,c,d\n1,"x,y",,"q"""\n',
    );
    expect(osqueryi(['--csv', '--separator', ',', '--header=false', 'SELECT 1 AS a']).stdout).toBe('1\n');
  });

  it('--line: names right-aligned, a blank line between rows; --nullvalue', () => {
    const r = osqueryi(['--line', '--nullvalue', 'NULL', "SELECT 1 AS a, NULL AS longname UNION ALL SELECT 2, 'y'"]);
    expect(r.stdout).toBe('       a = 1\nlongname = NULL\n\n       a = 2\nlongname = y\n');
  });

  it('--list and the default table', () => {
    expect(osqueryi(['--list', 'SELECT 1 AS a, 2 AS b']).stdout).toBe('a|b\n1|2\n');
    expect(osqueryi(['SELECT 1 AS a, 22 AS bb']).stdout).toBe('+---+----+\n| a | bb |\n+---+----+\n| 1 | 22 |\n+---+----+\n');
  });
});

describe('osqueryi errors and exit codes', () => {
  it("a failing positional statement: empty array, SQLite's message, exit 1", () => {
    expect(osqueryi(['--json', 'SELECT * FROM no_such_table'])).toEqual({
      stdout: '[\n\n]\n',
      stderr: 'Error: no such table: no_such_table\n',
      code: 1,
    });
    expect(osqueryi(['--json', 'SELECT 1 1'])).toMatchObject({ stderr: 'Error: near "1": syntax error\n', code: 1 });
  });

  it('the read-only guard refuses writes and attachments', () => {
    const r = osqueryi(['--json', "ATTACH DATABASE '/tmp/osq-triage-never.db' AS x"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*ATTACH/);
    expect(existsSync('/tmp/osq-triage-never.db')).toBe(false);
  });

  it('rejects an unknown flag the way osqueryi does', () => {
    expect(osqueryi(['--bogus', 'SELECT 1'])).toMatchObject({ stdout: '', code: 1, stderr: "ERROR: unknown command line flag 'bogus'\n" });
  });

  it('--version says what it is', () => {
    const r = osqueryi(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^osqueryi version 5\.\d+\.\d+-osq-triage\.\d+\.\d+\.\d+\n/);
    expect(r.stdout).toContain('not osquery');
  });
});

describe('osqueryi reading standard input', () => {
  it('runs each complete ;-terminated chunk and prints its own array', () => {
    const input = "SELECT 1 AS a;\nSELECT 2\n  AS b; SELECT ';' AS c;\n-- a comment\n\nSELECT 4 AS d;\n";
    const r = osqueryi(['--json'], input);
    expect(r).toEqual({ stdout: '[\n  {"a":"1"}\n]\n[\n  {"b":"2"},\n  {"c":";"}\n]\n[\n  {"d":"4"}\n]\n', stderr: '', code: 0 });
  });

  it('names the line a failing chunk starts on, goes on, and exits 1', () => {
    const r = osqueryi(['--json'], 'SELECT 1 AS a;\n\nSELECT *\nFROM nope;\nSELECT 3 AS c;\nSELECT 4');
    expect(r.stdout).toBe('[\n  {"a":"1"}\n]\n[\n\n]\n[\n  {"c":"3"}\n]\n');
    expect(r.stderr).toBe('Error: near line 3: no such table: nope\nError: incomplete SQL: SELECT 4\n');
    expect(r.code).toBe(1);
  });
});

describe('osqueryi dot commands', () => {
  it('switches modes on standard input and refuses unknown commands', () => {
    const r = osqueryi([], ".mode csv\nSELECT 1 AS a, 'x y' AS b;\n.headers off\n.nullvalue -\nSELECT NULL AS n;\n.bogus\n");
    expect(r.stdout).toBe('a,b\n1,"x y"\n-\n');
    expect(r.stderr).toBe('Error: unknown command or invalid arguments:  "bogus". Enter ".help" for help\n');
    expect(r.code).toBe(1);
  });

  it('lists the built-in tables', () => {
    const r = osqueryi(['.tables']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  => processes\n');
    expect(r.stdout).toContain('  => file\n');
  });
});

describe('osqueryi on the real tables', () => {
  it('reads users as getent does', () => {
    const getent = spawnSync('getent', ['passwd', '0'], { encoding: 'utf8' }).stdout.split(':');
    const r = osqueryi(['--json', 'SELECT username, directory, shell FROM users WHERE uid = 0']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ username: getent[0], directory: getent[5], shell: getent[6]?.trim() }]);
  });

  describe('--root (a mounted image)', () => {
    let image: string;
    beforeAll(() => {
      image = mkdtempSync(join(tmpdir(), 'osq-image-'));
      mkdirSync(join(image, 'etc'));
      writeFileSync(join(image, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nmallory:x:1337:1337::/home/m:/bin/sh\n');
    });
    afterAll(() => rmSync(image, { recursive: true, force: true }));

    it("reads the image's files, not the host's", () => {
      const r = osqueryi(['--json', '--root', image, 'SELECT username FROM users WHERE uid = 1337']);
      expect(r).toEqual({ stdout: '[\n  {"username":"mallory"}\n]\n', stderr: '', code: 0 });
    });

    it('refuses tables that read the running kernel', () => {
      const r = osqueryi(['--json', `--root=${image}`, 'SELECT pid FROM processes']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('not available when triaging a mounted image');
    });
  });
});

describe('the built engine stops a runaway statement', () => {
  let engine: Engine;
  beforeAll(async () => {
    const built = (await import(pathToFileURL(join(ROOT, 'dist/src/engine/builtin/engine.js')).href)) as typeof import('../../../src/engine/builtin/engine.js');
    engine = built.createBuiltinEngine();
  });
  afterAll(async () => engine.close?.());

  it('terminates its worker on timeout and answers the next statement from a fresh one', async () => {
    const runaway = await engine.run('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', { timeoutMs: 300 });
    expect(runaway).toMatchObject({ status: 'timeout', exitCode: null, rows: [] });
    const next = await engine.run("SELECT 'alive' AS state", { timeoutMs: 30_000 });
    expect(next).toMatchObject({ status: 'ok', exitCode: 0, columns: ['state'], rows: [{ state: 'alive' }] });
  });

  it('cancels a running statement on abort', async () => {
    const controller = new AbortController();
    const pending = engine.run('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    controller.abort();
    expect(await pending).toMatchObject({ status: 'error', error: 'the statement was cancelled' });
  });

  it('lets a statement waiting behind a runaway one be cancelled without waiting', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const runaway = engine.run('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', {
      timeoutMs: 60_000,
      signal: first.signal,
    });
    const queued = engine.run('SELECT 1', { timeoutMs: 60_000, signal: second.signal });
    second.abort();
    expect(await queued).toMatchObject({ status: 'error', error: 'the statement was cancelled' });
    first.abort();
    expect(await runaway).toMatchObject({ status: 'error', error: 'the statement was cancelled' });
  });
});
