import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/alert/types.js';
import type { Engine, QueryOutcome, Row } from '../../src/engine/types.js';
import type { Guide, LoadedGuide, Query } from '../../src/guide/model.js';
import { executeRuns } from '../../src/triage/execute.js';
import { createSession } from '../../src/triage/session.js';
import { SessionStore } from '../../src/triage/store.js';

/** Values an attacker controls on a host: every trick a report must render inert. */
export const HOSTILE = {
  script: `<script>document.title='pwned';document.body.setAttribute('data-pwned','1')</script>`,
  closeCell: '</td></tr></table><h1 id="injected">broken layout</h1><table><tr><td>',
  img: `<img src=x onerror="document.title='pwned-img'">`,
  escape: '\u001b]0;evil window title\u0007\u001b[2J\u001b[31mred',
  pipes: 'a|b||c',
  backticks: '```\n# heading from a row\n``` and `code`',
  link: '[click me](javascript:alert(1)) ![x](http://203.0.113.9/x.png) <http://203.0.113.9/>',
  bidi: 'safe\u202eexe.txt',
  newline: 'line one\nline two\r\n| fake | row |',
  long: 'A'.repeat(10 * 1024),
  entity: '&lt;script&gt;alert(1)&lt;/script&gt; &#x1b;',
} as const;

export const ALERT_TIME = '2026-05-30T04:41:12.377Z';
const ALERT_EPOCH = Math.floor(Date.parse(ALERT_TIME) / 1000);

export const HOSTILE_ROWS: Row[] = [
  { pid: '101', name: 'kworker/0:1', path: '/tmp/.x/kworker', cmdline: HOSTILE.script, start_time: String(ALERT_EPOCH - 60) },
  { pid: '102', name: 'bash', path: '/bin/bash', cmdline: HOSTILE.closeCell, start_time: '1600000000' },
  { pid: '103', name: HOSTILE.img, path: HOSTILE.pipes, cmdline: HOSTILE.escape, start_time: '1600000000' },
  { pid: '104', name: HOSTILE.backticks, path: HOSTILE.link, cmdline: HOSTILE.long, start_time: '1600000000' },
  { pid: '105', name: HOSTILE.bidi, path: HOSTILE.newline, cmdline: HOSTILE.entity, start_time: '1600000000' },
];

const HOST_ROW: Row = { hostname: 'web-01', os_name: 'Debian GNU/Linux', os_version: '12 (bookworm)', arch: 'x86_64', total_seconds: '86400' };

function query(id: string, sql: string, tables: string[], extra: Partial<Query> = {}): Query {
  return { id, title: { en: `Title of ${id}`, 'zh-CN': `${id} 的标题` }, sql, fields: [], tables, platforms: ['linux'], flags: [], file: `${id}.sql`, ...extra };
}

export const QUERIES: Query[] = [
  query('host-context', 'SELECT hostname, os_name FROM system_info, os_version', ['system_info', 'os_version']),
  query('suspicious-processes', 'SELECT pid, name, path, cmdline, start_time FROM processes WHERE name LIKE <<process.name>>', ['processes'], {
    fields: ['process.name'],
    flags: [
      { when: "name LIKE 'kworker%' AND path != ''", severity: 'high', reason: { en: 'A process posing as a kernel worker has an executable on disk', 'zh-CN': '伪装成内核线程的进程在磁盘上有可执行文件' } },
      { when: "cmdline LIKE '%<%'", severity: 'medium', reason: { en: 'Markup in a command line', 'zh-CN': '命令行中含有标记' } },
    ],
  }),
  query('file-details', 'SELECT path, mtime FROM file WHERE path = <<file.path>>', ['file'], { fields: ['file.path'] }),
  query('carved', 'SELECT * FROM carves', ['carves']),
  query('failing', 'SELECT 1 FROM failing_table', ['failing_table']),
];

export function testGuide(name = `Suspicious <script>alert(1)</script> | kworker`): LoadedGuide {
  const guide: Guide = {
    rule_id: 'test-rule-0001',
    name: { en: name, 'zh-CN': '可疑的内核线程' },
    languages: ['en', 'zh-CN'],
    severity: 'high',
    risk_score: 73,
    mitre: { tactics: ['TA0005'], techniques: ['T1036.004'] },
    platforms: ['linux'],
    tags: [],
    fields: ['process.name', 'file.path'],
    summary: { en: 'Summary', 'zh-CN': '摘要' },
    steps: [
      { text: { en: 'Confirm the host', 'zh-CN': '确认主机' }, queries: ['host-context'], steps: [] },
      {
        text: { en: 'Look at the process <b>now</b>', 'zh-CN': '查看进程' },
        queries: ['suspicious-processes', 'missing-from-library'],
        steps: [{ text: { en: 'And its file', 'zh-CN': '以及文件' }, queries: ['file-details', 'host-context', 'carved', 'failing'], steps: [] }],
      },
    ],
    false_positives: [],
    related_rules: [],
    response: [
      { id: 'isolate', text: { en: 'Isolate the host', 'zh-CN': '隔离主机' } },
      { id: 'collect', text: { en: 'Collect <the> binary | `now`', 'zh-CN': '收集二进制文件' } },
    ],
  };
  return { guide, file: 'test-rule.yaml', sha256: 'a'.repeat(64), source: 'test' };
}

export function testAlert(fields: Record<string, string[]> = {}): Alert {
  return {
    id: 'alert-<1>',
    rule: { ruleId: 'test-rule-0001', ruleName: `Suspicious <script>alert(1)</script> | kworker`, severity: 'high', riskScore: 73 },
    fields: { 'process.name': ['kworker%'], 'user.name': ['root|`x`'], 'host.name': ['web-01\u001b[2J'], ...fields },
    timestamp: ALERT_TIME,
    host: 'web-01\u001b[2J',
    buildingBlocks: [],
    origin: 'alert.json',
  };
}

/** An engine of fixed answers: rows keyed by a table name the SQL mentions. */
export function fixedEngine(answers: Record<string, { rows: Row[]; columns?: string[] } | { error: string }>): Engine {
  return {
    name: 'fixed',
    info: async () => ({ name: 'fixed', version: '1.0' }),
    run: async (sql): Promise<QueryOutcome> => {
      const startedAt = new Date().toISOString();
      const key = Object.keys(answers).find((k) => sql.includes(k));
      const answer = key !== undefined ? answers[key] : undefined;
      if (answer === undefined || 'error' in answer) {
        return { status: 'error', columns: [], rows: [], exitCode: 1, stderr: 'boom', error: answer && 'error' in answer ? answer.error : 'no such table', startedAt, durationMs: 1 };
      }
      const columns = answer.columns ?? Object.keys(answer.rows[0] ?? {});
      return { status: 'ok', columns, rows: answer.rows, exitCode: 0, stderr: '', startedAt, durationMs: 3 };
    },
  };
}

export const HOSTILE_ENGINE_ANSWERS = {
  system_info: { rows: [HOST_ROW] },
  processes: { rows: HOSTILE_ROWS },
  failing_table: { error: `no such table: failing_table ${HOSTILE.escape}` },
};

export interface Fixture {
  dir: string;
  store: SessionStore;
  cleanup(): Promise<void>;
}

/** A session in a fresh temp bundle, its ready runs executed on `engine`. */
export async function runFixture(options: { engine?: Engine; alert?: Alert; queries?: Query[]; guide?: LoadedGuide; concurrency?: number } = {}): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'osq-report-'));
  const dir = join(root, 'bundle');
  const session = createSession({
    id: 'session-1',
    at: '2026-05-30T05:00:00.000Z',
    tool: { name: 'osq-triage', version: '0.1.0-test' },
    host: { hostname: 'analyst-box', platform: 'linux', release: '6.1.0', arch: 'x64', user: 'responder' },
    lang: 'en',
    alert: options.alert ?? testAlert(),
    guide: options.guide ?? testGuide(),
    queries: new Map((options.queries ?? QUERIES).map((q) => [q.id, q])),
    engine: { name: 'fixed', version: '1.0' },
  });
  const store = await SessionStore.create(dir, session);
  const engine = options.engine ?? fixedEngine(HOSTILE_ENGINE_ANSWERS);
  const ready = store.session.queries.flatMap((q) => q.runs.filter((r) => r.status === 'ready').map((r) => r.key));
  await executeRuns(ready, { engine, sink: store, concurrency: options.concurrency ?? 2, timeoutMs: 5000 });
  return { dir, store, cleanup: () => rm(root, { recursive: true, force: true }) };
}
