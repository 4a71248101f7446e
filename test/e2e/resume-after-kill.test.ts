import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil, REPORT_GUIDE, requireBuiltCli, sha256sumCheck, startCli } from './bundle-helpers.js';
import { cli, FIXTURE_BIN } from './cli.js';

interface Event {
  seq: number;
  type: string;
  action?: { key?: string; result?: { status?: string } };
}

async function events(dir: string): Promise<Event[]> {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Event);
}

const SLOW_KEY = 'e2e-processes#1';

describe('a run killed with SIGKILL mid-query, then resumed', () => {
  let scratch: string;
  let groupId: number | undefined;

  beforeAll(async () => {
    requireBuiltCli();
    scratch = await mkdtemp(join(tmpdir(), 'osq-resume-'));
  });
  afterAll(async () => {
    // The killed CLI's own children (the slow osqueryi and its sleep) share its process group.
    if (groupId !== undefined) {
      try {
        process.kill(-groupId, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(scratch, { recursive: true, force: true });
  });

  it('loses only the event in flight; resume completes the session and verify passes', async () => {
    const out = join(scratch, 'bundle');
    const child = startCli(
      ['run', join(REPORT_GUIDE, 'alert.json'), '--guides', REPORT_GUIDE, '--out', out, '--osqueryi', join(FIXTURE_BIN, 'osqueryi-slow'), '--concurrency', '1'],
      { OSQ_SLOW_MATCH: 'FROM processes', OSQ_SLOW_SECONDS: '300' },
    );
    groupId = child.pid;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await pollUntil(async () => (await events(out)).some((e) => e.type === 'run-started' && e.action?.key === SLOW_KEY), child);
    process.kill(child.pid as number, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const before = await readFile(join(out, 'audit.jsonl'), 'utf8');
    const killed = await events(out);
    expect(killed.at(-1)).toMatchObject({ type: 'run-started', action: { key: SLOW_KEY } });
    const finishedBefore = killed.filter((e) => e.type === 'run-finished').map((e) => e.action?.key);
    expect(finishedBefore).toEqual(['e2e-system-info#1', 'e2e-os-version#1', 'e2e-user#1']);

    // Interrupted and never exported: verify says so.
    const early = await cli(['verify', out]);
    expect(early.exitCode).toBe(1);
    expect(early.stdout).toMatch(/^BROKEN /);

    // Resume with no flags: an osqueryi like the one recorded, found on PATH (the fast shim), answers at once.
    const resumed = await cli(['resume', out], { path: `${FIXTURE_BIN}:/usr/bin:/bin` });
    expect(resumed.stderr).toBe('');
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toContain('5/5');

    const after = await readFile(join(out, 'audit.jsonl'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    const all = await events(out);
    const added = all.slice(killed.length);
    expect(added[0]?.type).toBe('resumed');
    const starts = (key: string): number => all.filter((e) => e.type === 'run-started' && e.action?.key === key).length;
    const finishes = (key: string): number => all.filter((e) => e.type === 'run-finished' && e.action?.key === key).length;
    // The run in flight is started again and finishes once; runs that finished before the kill never run again.
    expect(starts(SLOW_KEY)).toBe(2);
    expect(finishes(SLOW_KEY)).toBe(1);
    for (const key of finishedBefore) expect([starts(key as string), finishes(key as string)]).toEqual([1, 1]);
    expect(finishes('e2e-uptime#1')).toBe(1);
    expect(all.at(-1)?.type).toBe('exported');

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { queries: { run: string; status: string; not_run: boolean; row_count: number }[] };
    expect(report.queries.map((q) => [q.run, q.status, q.not_run])).toEqual([
      ['e2e-system-info#1', 'ok', false],
      ['e2e-os-version#1', 'ok', false],
      ['e2e-user#1', 'ok', false],
      [SLOW_KEY, 'ok', false],
      ['e2e-uptime#1', 'ok', false],
    ]);
    expect(report.queries[3]?.row_count).toBeGreaterThan(0);

    const verified = await cli(['verify', out]);
    expect(verified.stdout).toMatch(/^OK .*audit chain intact/);
    expect(verified.exitCode).toBe(0);
    expect(sha256sumCheck(out).status).toBe(0);
  });
});
