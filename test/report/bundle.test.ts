import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/report/bundle.js';
import { verifyBundle } from '../../src/report/verify.js';
import { sha256Hex } from '../../src/triage/audit.js';
import { SessionStore } from '../../src/triage/store.js';
import { runFixture, type Fixture } from './helpers.js';

const AT = '2026-05-30T06:00:00.000Z';

/** The real coreutils tool, run in the bundle as a responder would. */
function sha256sumCheck(dir: string): { status: number | null; output: string } {
  const out = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

describe('exportBundle and verify', () => {
  let fixture: Fixture;
  let scratch: string;
  let copies = 0;

  beforeAll(async () => {
    fixture = await runFixture();
    scratch = await mkdtemp(join(tmpdir(), 'osq-tamper-'));
  });
  afterAll(async () => {
    await fixture.cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  /** A copy of the exported bundle to damage. */
  async function copy(): Promise<string> {
    const dir = join(scratch, `copy-${++copies}`);
    await cp(fixture.dir, dir, { recursive: true });
    return dir;
  }

  it('writes the reports, records the export, and writes sums that sha256sum -c and verify accept', async () => {
    const result = await exportBundle(fixture.store, { formats: ['md', 'html', 'json'], lang: 'en', at: AT });
    expect(result.files).toEqual(['report.md', 'report.html', 'report.json'].map((f) => join(fixture.dir, f)));
    const sums = await readFile(result.sumsFile, 'utf8');
    expect(sums.split('\n').filter((l) => l !== '').map((l) => l.slice(66))).toEqual([
      'session.json',
      'audit.jsonl',
      'results/01-host-context.json',
      'results/02-suspicious-processes.json',
      'results/03-failing.json',
      'report.md',
      'report.html',
      'report.json',
    ]);
    const audit = (await readFile(join(fixture.dir, 'audit.jsonl'), 'utf8')).trimEnd().split('\n');
    const last = JSON.parse(audit[audit.length - 1] as string) as { type: string; action: { files: string[]; formats: string[] } };
    expect(last.type).toBe('exported');
    expect(last.action.formats).toEqual(['md', 'html', 'json']);
    expect(result.sumsHead).toBe(sha256Hex(audit[audit.length - 1] as string));
    expect(fixture.store.session.exports).toHaveLength(1);
    // The reports say which audit state they describe: the head just before the export event.
    const json = JSON.parse(await readFile(join(fixture.dir, 'report.json'), 'utf8')) as { audit: { head: string; events: number } };
    expect(json.audit).toEqual({ events: audit.length - 1, head: sha256Hex(audit[audit.length - 2] as string) });

    const check = sha256sumCheck(fixture.dir);
    expect(check.output).not.toMatch(/FAILED|WARNING/);
    expect(check.status).toBe(0);
    const verified = await verifyBundle(fixture.dir);
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    expect(verified.head).toBe(result.sumsHead);
    expect(verified.matched).toHaveLength(8);
  });

  it('names a modified audit line', async () => {
    const dir = await copy();
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).split('\n');
    lines[4] = (lines[4] as string).replace('"seq":5', '"seq":5,"forged":true');
    await writeFile(join(dir, 'audit.jsonl'), lines.join('\n'));
    const result = await verifyBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ file: 'audit.jsonl', line: 6 });
    expect(result.problems[0]?.message).toMatch(/line 6 does not carry the hash of line 5/);
    expect(sha256sumCheck(dir).status).not.toBe(0);
  });

  it('names a removed audit line, in the middle or at the end', async () => {
    const middle = await copy();
    const lines = (await readFile(join(middle, 'audit.jsonl'), 'utf8')).split('\n');
    await writeFile(join(middle, 'audit.jsonl'), [...lines.slice(0, 3), ...lines.slice(4)].join('\n'));
    const m = await verifyBundle(middle);
    expect(m.problems[0]).toMatchObject({ file: 'audit.jsonl', line: 4 });
    expect(m.problems[0]?.message).toMatch(/line 4 has sequence 5, expected 4/);

    const end = await copy();
    const all = (await readFile(join(end, 'audit.jsonl'), 'utf8')).trimEnd().split('\n');
    await writeFile(join(end, 'audit.jsonl'), `${all.slice(0, -1).join('\n')}\n`);
    const e = await verifyBundle(end);
    expect(e.ok).toBe(false);
    expect(e.problems[0]?.file).toBe('audit.jsonl');
    expect(e.problems[0]?.message).toMatch(/lines were removed/);
  });

  it('names a modified result file and a modified report', async () => {
    const dir = await copy();
    const file = join(dir, 'results/02-suspicious-processes.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kworker/0:1', 'kworker/0:2'));
    await writeFile(join(dir, 'report.html'), (await readFile(join(dir, 'report.html'), 'utf8')).replace('True positive', 'False positive') + ' ');
    const result = await verifyBundle(dir);
    expect(result.problems.map((p) => p.file)).toEqual(['results/02-suspicious-processes.json', 'report.html']);
    expect(result.problems[0]?.message).toMatch(/does not match SHA256SUMS/);
    const check = sha256sumCheck(dir);
    expect(check.output).toContain('results/02-suspicious-processes.json: FAILED');
    expect(check.output).toContain('report.html: FAILED');
  });

  it('catches a result file changed together with SHA256SUMS, through the hash the audit log recorded', async () => {
    const dir = await copy();
    const file = join(dir, 'results/01-host-context.json');
    const forged = (await readFile(file, 'utf8')).replace('web-01', 'web-99');
    await writeFile(file, forged);
    const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).replace(/^[0-9a-f]{64}(?=  results\/01-host-context\.json$)/m, sha256Hex(forged));
    await writeFile(join(dir, 'SHA256SUMS'), sums);
    expect(sha256sumCheck(dir).status).toBe(0);
    const result = await verifyBundle(dir);
    expect(result.problems).toEqual([{ file: 'results/01-host-context.json', message: expect.stringMatching(/does not match the sha256 recorded at audit\.jsonl line \d+/) }]);
  });

  it('reports files added after the export and sums that point outside the bundle', async () => {
    const dir = await copy();
    await writeFile(join(dir, 'results/09-planted.json'), '{}\n');
    const added = await verifyBundle(dir);
    expect(added.problems).toEqual([{ file: 'results/09-planted.json', message: 'results/09-planted.json is not covered by SHA256SUMS (added after export)', stale: true }]);

    const outside = await copy();
    await writeFile(join(outside, 'SHA256SUMS'), `${'0'.repeat(64)}  ../../etc/passwd\n`);
    const o = await verifyBundle(outside);
    expect(o.problems[0]).toMatchObject({ file: 'SHA256SUMS', line: 1 });
    expect(o.problems[0]?.message).toMatch(/outside the bundle/);
  });

  it('asks for a re-export after a later event, and passes again after one', async () => {
    const dir = await copy();
    const store = await SessionStore.open(dir);
    await store.apply({ type: 'note-set', target: 'session', text: 'one more thing', at: '2026-05-30T06:10:00.000Z' });
    const stale = await verifyBundle(dir);
    expect(stale.ok).toBe(false);
    expect(stale.problems.map((p) => p.message)).toContain('audit.jsonl has 1 event(s) after the last export: re-export (osq-triage report DIR) to cover them');
    // A re-export of one format re-renders the others already there, so every report matches the sums.
    await exportBundle(store, { formats: ['md'], lang: 'zh-CN', at: '2026-05-30T06:11:00.000Z' });
    const fresh = await verifyBundle(dir);
    expect(fresh.problems).toEqual([]);
    expect(sha256sumCheck(dir).status).toBe(0);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('one more thing');
    expect(store.session.exports.at(-1)?.formats).toEqual(['md', 'html', 'json']);
  });

  it('catches session.json edited outside the tool even with SHA256SUMS rewritten to match', async () => {
    const dir = await copy();
    const file = join(dir, 'session.json');
    const edited = (await readFile(file, 'utf8')).replace('"rowCount": 5', '"rowCount": 4');
    expect(edited).not.toBe(await readFile(file, 'utf8'));
    await writeFile(file, edited);
    const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).replace(/^[0-9a-f]{64}(?=  session\.json$)/m, sha256Hex(edited));
    await writeFile(join(dir, 'SHA256SUMS'), sums);
    expect(sha256sumCheck(dir).status).toBe(0);
    const result = await verifyBundle(dir);
    expect(result.problems).toEqual([{ file: 'session.json', message: expect.stringMatching(/differs from the state audit\.jsonl replays to, at queries\.1\.runs\.0\.rowCount/) }]);
  });

  it('says the session was never exported when SHA256SUMS is missing', async () => {
    const dir = await copy();
    await rm(join(dir, 'SHA256SUMS'));
    const result = await verifyBundle(dir);
    expect(result.problems).toEqual([{ file: 'SHA256SUMS', message: expect.stringMatching(/missing: the session has not been exported/), stale: true }]);
  });
});
