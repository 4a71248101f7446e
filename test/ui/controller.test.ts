import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Session } from '../../src/triage/model.js';
import { SessionStore } from '../../src/triage/store.js';
import { TriageController, type TriageStore } from '../../src/ui/controller.js';
import { openBench, TableEngine, type Bench } from './fixtures.js';

let bench: Bench | undefined;
afterEach(async () => {
  await bench?.controller.shutdown();
  await bench?.cleanup();
  bench = undefined;
});

async function auditEvents(dir: string): Promise<{ type: string; action?: Record<string, unknown> }[]> {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { type: string; action?: Record<string, unknown> });
}

async function sessionOnDisk(dir: string): Promise<Session> {
  return JSON.parse(await readFile(join(dir, 'session.json'), 'utf8')) as Session;
}

describe('triage controller', () => {
  test('run all: every ready run goes through the store, rows stay in memory, the batch counts to the end', async () => {
    bench = await openBench();
    const { controller, dir } = bench;
    controller.runAll();
    expect(controller.getSnapshot().batch).toMatchObject({ total: 3, done: 0 });
    await controller.settled();
    const snap = controller.getSnapshot();
    expect(snap.batch).toMatchObject({ total: 3, done: 3 });
    expect(snap.batch?.finishedAt).toBeDefined();
    expect(snap.inFlight.size).toBe(0);
    const events = await auditEvents(dir);
    expect(events.filter((e) => e.type === 'run-finished').map((e) => e.action?.['key']).sort()).toEqual(['all-users#1', 'proc-by-name#1', 'proc-by-name#2']);
    const disk = await sessionOnDisk(dir);
    expect(disk.queries.find((q) => q.id === 'all-users')?.runs[0]).toMatchObject({ status: 'ok', rowCount: 50 });
    expect(disk.queries.find((q) => q.id === 'file-info')?.status).toBe('waiting');
    const rows = controller.rows('all-users#1');
    expect(rows.state === 'ready' && rows.rows.length).toBe(50);
  });

  test('values typed at the prompt are recorded as entered by hand, then the query runs; a failure is shown as data', async () => {
    bench = await openBench();
    const { controller, dir } = bench;
    controller.enterValues('file-info', { 'file.path': "/etc/shadow'x" });
    await controller.settled();
    const events = await auditEvents(dir);
    const entered = events.find((e) => e.type === 'value-entered');
    expect(entered?.action).toMatchObject({ field: 'file.path', values: ["/etc/shadow'x"] });
    const disk = await sessionOnDisk(dir);
    expect(disk.enteredFields).toEqual({ 'file.path': ["/etc/shadow'x"] });
    const query = disk.queries.find((q) => q.id === 'file-info');
    expect(query?.runs[0]?.sql).toContain("'/etc/shadow''x'");
    expect(query?.runs[0]).toMatchObject({ status: 'error', error: 'osqueryi exited with code 1' });
  });

  test('running queries are counted in flight; quitting aborts them and waits for the last write', async () => {
    bench = await openBench();
    const { controller, engine, dir } = bench;
    engine.hold = true;
    controller.runAll();
    expect(controller.getSnapshot().inFlight.size).toBe(3);
    expect(controller.running).toBe(true);
    controller.runAll();
    expect(controller.getSnapshot().notice).toEqual({ kind: 'nothing-ready' });
    await controller.shutdown();
    expect(controller.getSnapshot().inFlight.size).toBe(0);
    const events = await auditEvents(dir);
    // Two lanes were in the engine; the third run never started.
    expect(events.filter((e) => e.type === 'run-started')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'run-finished')).toHaveLength(2);
  });

  test('checklist, note and verdict are saved as they happen', async () => {
    bench = await openBench();
    const { controller, dir } = bench;
    controller.toggle('isolate-host', true);
    controller.setNote('item:isolate-host', 'done by the network team');
    controller.setVerdict('true-positive', 'linker copied to /tmp by a build user');
    await controller.settled();
    const disk = await sessionOnDisk(dir);
    expect(disk.checklist.find((c) => c.id === 'isolate-host')?.checked).toBe(true);
    expect(disk.notes).toMatchObject([{ target: 'item:isolate-host', text: 'done by the network team' }]);
    expect(disk.verdict).toMatchObject({ value: 'true-positive', reason: 'linker copied to /tmp by a build user' });
  });

  test('a resumed session reads a run\'s rows back from its result file', async () => {
    bench = await openBench({ userRows: 120 });
    bench.controller.runAll();
    await bench.controller.settled();
    const reopened = await SessionStore.open(bench.dir);
    const resumed = new TriageController(reopened, { engine: new TableEngine(), concurrency: 1, timeoutMs: 1000, exportBundle: () => Promise.reject(new Error('unused')) });
    expect(resumed.rows('all-users#1')).toEqual({ state: 'loading' });
    await resumed.settled();
    const rows = resumed.rows('all-users#1');
    expect(rows.state).toBe('ready');
    if (rows.state !== 'ready') return;
    expect(rows.rows).toHaveLength(120);
    expect(rows.rows[1]?.['description']).toContain('管理员账户');
    expect(resumed.rows('file-info#1')).toEqual({ state: 'none' });
  });

  test('a store that cannot write becomes a notice, never an exception; a failed export is data', async () => {
    bench = await openBench();
    const real = bench.store;
    const failing: TriageStore = {
      dir: real.dir,
      get session() {
        return real.session;
      },
      apply: () => Promise.reject(new Error('ENOSPC: no space left on device')),
      writeRows: (q, c, r) => real.writeRows(q, c, r),
    };
    const controller = new TriageController(failing, { engine: bench.engine, concurrency: 1, timeoutMs: 1000, exportBundle: () => Promise.reject(new Error('disk full')) });
    controller.toggle('isolate-host', true);
    controller.runAll();
    await controller.settled();
    expect(controller.getSnapshot().notice).toEqual({ kind: 'error', text: 'ENOSPC: no space left on device' });
    expect(controller.getSnapshot().inFlight.size).toBe(0);
    expect(await controller.exportReports(['md'])).toEqual({ ok: false, message: 'disk full' });
  });
});
