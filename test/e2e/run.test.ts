import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT, FIXTURE_BIN } from './cli.js';

interface ReportQuery {
  id: string;
  label: string;
  sql: string;
  status: string;
  row_count: number;
  rows: Record<string, string>[];
  error?: string;
}
interface Report {
  alert: { rule_id: string; rule_name: string; host: string; fields: Record<string, string[]> };
  guide: { id: string; source: string; sha256: string };
  engine: { name: string; version: string };
  queries: ReportQuery[];
}

const EXAMPLES = [
  ['dynamic-linker-copy.ndjson', 'df6f62d9-caab-4b88-affa-044f4395a1e0'],
  ['setcap-setuid.json', 'f5c005d3-4e17-48b0-9cd7-444d48857f97'],
  ['systemd-timer-created.json', '7fb500fa-8e24-4bd1-9480-2a819352602c'],
  ['tunneling-port-forwarding.json', '6ee947e9-de7e-4281-a55d-09289bdf947e'],
  ['kworker-file-creation.json', 'ae343298-97bc-47bc-9ea2-5f2ad831c16e'],
] as const;

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'osq-run-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

async function report(dir: string): Promise<Report> {
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Report;
}

describe('osq-triage run on the built-in engine (no osqueryi on PATH)', () => {
  it.each(EXAMPLES)('%s resolves to its guide and runs every query its fields allow', async (file, ruleId) => {
    const out = join(await tempDir(), 'bundle');
    const run = await cli(['run', `examples/alerts/${file}`, '--out', out]);
    expect(run.stderr).toBe('');
    const r = await report(out);
    expect(r.alert.rule_id).toBe(ruleId);
    expect(r.guide.id).toBe(ruleId);
    expect(r.engine.name).toBe('builtin');
    // systemd_units is read over D-Bus by osquery; the built-in engine says so instead of faking it.
    const unavailable = r.queries.filter((q) => q.status === 'error' && /the built-in engine does not provide systemd_units/.test(q.error ?? ''));
    const notOk = r.queries.filter((q) => q.status !== 'ok' && q.status !== 'waiting' && !unavailable.includes(q));
    expect(notOk.map((q) => `${q.id}: ${q.status} ${q.error ?? ''}`)).toEqual([]);
    const waiting = r.queries.filter((q) => q.status === 'waiting');
    expect(run.exitCode).toBe(waiting.length === 0 && unavailable.length === 0 ? 0 : 3);
    expect(run.stdout).toContain('built-in engine');
    expect(await readdir(out)).toEqual(expect.arrayContaining(['session.json', 'audit.jsonl', 'results', 'report.md', 'report.html', 'report.json', 'SHA256SUMS']));
  });

  it('prints the guide in Chinese with --lang zh-CN', async () => {
    const out = join(await tempDir(), 'b');
    const run = await cli(['run', 'examples/alerts/kworker-file-creation.json', '--out', out, '--lang', 'zh-CN']);
    expect(run.stdout).toMatch(/步骤 1\./);
    expect(run.stdout).toContain('通过 Kworker');
  });

  it('--json prints report.json', async () => {
    const out = join(await tempDir(), 'b');
    const run = await cli(['run', 'examples/alerts/setcap-setuid.json', '--out', out, '--json']);
    const printed = JSON.parse(run.stdout) as Report;
    expect(printed).toEqual(await report(out));
  });

  it('hostile alert values never change the SQL, and never reach the terminal raw', async () => {
    const dir = await tempDir();
    const hostile = "x' OR '1'='1'; ATTACH DATABASE '/tmp/pwn.db' AS p; -- \u001b]0;owned\u0007\u001b[2J";
    const out = join(dir, 'b');
    const run = await cli(['run', '--rule', 'Suspicious File Creation via Kworker', '--set', `user.name=${hostile}`, '--set', `file.path=/tmp/${hostile}`, '--out', out]);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toContain('\u0007');
    const r = await report(out);
    for (const q of r.queries.filter((x) => x.sql.includes('ATTACH'))) {
      expect(q.status).not.toBe('blocked');
      expect(q.sql).toContain("x'' OR ''1''=''1''; ATTACH DATABASE ''/tmp/pwn.db'' AS p; -- ");
    }
    expect(r.queries.some((q) => q.sql.includes('ATTACH'))).toBe(true);
  });

  it('a field the alert lacks makes its queries wait; --set fills it', async () => {
    const out = join(await tempDir(), 'b');
    const run = await cli(['run', '--rule', 'ae343298-97bc-47bc-9ea2-5f2ad831c16e', '--set', 'user.name=root', '--out', out]);
    expect(run.exitCode).toBe(3);
    const r = await report(out);
    expect(r.queries.some((q) => q.status === 'waiting')).toBe(true);
    expect(run.stdout).toContain('--set file.path=VALUE');
  });

  it('runs through an osqueryi on PATH (the shim to the built-in engine)', async () => {
    const out = join(await tempDir(), 'b');
    const run = await cli(['run', 'examples/alerts/systemd-timer-created.json', '--out', out], { path: `${FIXTURE_BIN}:/usr/bin:/bin` });
    const r = await report(out);
    expect(r.engine.name).toBe('osqueryi');
    const failed = r.queries.filter((q) => (q.status === 'error' && !/does not provide systemd_units/.test(q.error ?? '')) || q.status === 'timeout');
    expect(failed.map((q) => `${q.id} ${q.error}`)).toEqual([]);
    expect(r.queries.find((q) => q.id === 'systemd-timer-service-pair')?.status).toBe('ok');
    expect([0, 3]).toContain(run.exitCode);
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  const cases: [string, string | undefined, RegExp][] = [
    ['not JSON', '{"a": 1,,}', /line 1, column \d+/],
    ['empty', '', /empty/],
    ['truncated', '{"kibana.alert.rule.name": "x"', /truncated|ends/],
    ['binary', '\u0000\u0001\u0002garbage', /binary/],
    ['no rule', '{"host": {"name": "x"}}', /rule/],
  ];
  it.each(cases)('%s', async (_name, content, message) => {
    const dir = await tempDir();
    const path = join(dir, 'alert.json');
    await writeFile(path, content ?? '');
    const run = await cli(['run', path, '--out', join(dir, 'b')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('unknown rule lists the closest guides', async () => {
    const run = await cli(['run', '--rule', 'Systemd Timer Creatd', '--set', 'user.name=x']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Systemd Timer Created');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('bad flags', async () => {
    expect((await cli(['run', 'examples/alerts/setcap-setuid.json', '--timeout', 'soon'])).exitCode).toBe(2);
    expect((await cli(['run', 'examples/alerts/setcap-setuid.json', '--lang', 'fr'])).exitCode).toBe(2);
    expect((await cli(['run', 'examples/alerts/setcap-setuid.json', '--bogus'])).exitCode).toBe(2);
    expect((await cli(['run', '--rule', 'x', '--set', 'novalue'])).exitCode).toBe(2);
  });

  it('asked-for osqueryi that is absent: one clear line, exit 3', async () => {
    const run = await cli(['run', 'examples/alerts/setcap-setuid.json', '--engine', 'osqueryi', '--out', join(await tempDir(), 'b')]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toBe('osq-triage: osqueryi is not installed (not on PATH); use --engine builtin or --osqueryi PATH');
  });

  it('reads the alert from stdin', async () => {
    const alert = await readFile(join(ROOT, 'examples/alerts/setcap-setuid.json'), 'utf8');
    const out = join(await tempDir(), 'b');
    const run = await cli(['run', '-', '--out', out], { input: alert });
    expect((await report(out)).alert.rule_id).toBe('f5c005d3-4e17-48b0-9cd7-444d48857f97');
    expect([0, 3]).toContain(run.exitCode);
  });
});

describe('where run writes', () => {
  it('writes only into --out: not the working directory, not TMPDIR, not HOME', async () => {
    const base = await tempDir();
    const [work, tmp, home] = ['work', 'tmp', 'home'].map((d) => join(base, d)) as [string, string, string];
    for (const d of [work, tmp, home]) await import('node:fs/promises').then((fs) => fs.mkdir(d));
    const out = join(base, 'external-disk', 'case-42');
    const run = await cli(['run', join(ROOT, 'examples/alerts/kworker-file-creation.json'), '--out', out], { cwd: work, env: { TMPDIR: tmp, HOME: home } });
    expect([0, 3]).toContain(run.exitCode);
    for (const d of [work, tmp, home]) expect(await readdir(d)).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['SHA256SUMS', 'audit.jsonl', 'report.html', 'report.json', 'report.md', 'results', 'session.json']);
  });

  it('refuses an --out directory that already holds files, and changes nothing there', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'evidence-from-before.txt'), 'keep me');
    const run = await cli(['run', 'examples/alerts/setcap-setuid.json', '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/is not empty/);
    expect(await readdir(out)).toEqual(['evidence-from-before.txt']);
  });
});
