import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../src/alert/types.js';
import type { Engine, QueryOutcome, Row } from '../src/engine/types.js';
import type { LoadedGuide, Query } from '../src/guide/model.js';
import { exportBundle } from '../src/report/bundle.js';
import { REPORT_FILES, type ReportFormat } from '../src/report/sums.js';
import { executeRuns } from '../src/triage/execute.js';
import { createSession } from '../src/triage/session.js';
import { SessionStore } from '../src/triage/store.js';

/** A process listing of `count` rows, every 1000th one flagged, long command lines included. */
export function processRows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    pid: String(1000 + i),
    parent: String(1 + (i % 500)),
    name: i % 1000 === 0 ? `kworker/${i}:1` : `worker-${i % 97}`,
    path: i % 1000 === 0 ? `/tmp/.cache/kworker-${i}` : `/usr/lib/app/bin/worker-${i % 97}`,
    cmdline: `/usr/lib/app/bin/worker-${i % 97} --config /etc/app/worker.conf --id ${i} --label "${'x'.repeat(i % 120)}"`,
    uid: String(i % 3 === 0 ? 0 : 1000),
    state: 'S',
    start_time: String(1_780_000_000 + i),
  }));
}

const QUERY: Query = {
  id: 'bench-processes',
  title: { en: 'Every process', 'zh-CN': '所有进程' },
  sql: 'SELECT pid, parent, name, path, cmdline, uid, state, start_time FROM processes',
  fields: [],
  tables: ['processes'],
  platforms: ['linux'],
  flags: [{ when: "name LIKE 'kworker%' AND path != ''", severity: 'high', reason: { en: 'Posing as a kernel worker', 'zh-CN': '伪装成内核线程' } }],
  file: 'bench-processes.sql',
};

const GUIDE: LoadedGuide = {
  guide: {
    rule_id: 'bench-rule',
    name: { en: 'Benchmark rule', 'zh-CN': '基准规则' },
    languages: ['en', 'zh-CN'],
    severity: 'high',
    risk_score: 73,
    mitre: { tactics: [], techniques: [] },
    platforms: ['linux'],
    tags: [],
    fields: [],
    summary: { en: 'Benchmark', 'zh-CN': '基准' },
    steps: [{ text: { en: 'List processes', 'zh-CN': '列出进程' }, queries: ['bench-processes'], steps: [] }],
    false_positives: [],
    related_rules: [],
    response: [],
  },
  file: 'bench.yaml',
  sha256: '0'.repeat(64),
  source: 'bench',
};

const ALERT: Alert = { id: 'bench-alert', rule: { ruleId: 'bench-rule' }, fields: {}, timestamp: '2026-05-30T04:41:12.377Z', host: 'bench-host', buildingBlocks: [], origin: 'bench' };

function fixedEngine(rows: Row[]): Engine {
  const columns = Object.keys(rows[0] ?? {});
  return {
    name: 'bench',
    info: async () => ({ name: 'bench', version: '1' }),
    run: async (): Promise<QueryOutcome> => ({ status: 'ok', columns, rows, exitCode: 0, stderr: '', startedAt: new Date().toISOString(), durationMs: 0 }),
  };
}

/** A bundle in a fresh temp directory holding one run of `count` process rows (no reports yet). */
export async function bundleWithRows(count: number): Promise<{ dir: string; store: SessionStore; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'osq-bench-report-'));
  const dir = join(root, 'bundle');
  const session = createSession({
    id: 'bench',
    at: new Date().toISOString(),
    tool: { name: 'osq-triage', version: 'bench' },
    host: { hostname: 'bench', platform: 'linux', release: '', arch: 'x64', user: 'bench' },
    lang: 'en',
    alert: ALERT,
    guide: GUIDE,
    queries: new Map([[QUERY.id, QUERY]]),
    engine: { name: 'bench', version: '1' },
  });
  const store = await SessionStore.create(dir, session);
  await executeRuns(['bench-processes#1'], { engine: fixedEngine(processRows(count)), sink: store, concurrency: 1, timeoutMs: 120_000 });
  return { dir, store, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Export exactly `formats` (reports of other formats left by an earlier export are removed first). */
export async function exportOnly(store: SessionStore, formats: ReportFormat[]): Promise<void> {
  for (const f of Object.values(REPORT_FILES)) await rm(join(store.dir, f), { force: true });
  await exportBundle(store, { formats, lang: 'en', at: new Date().toISOString() });
}
