import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/alert/types.js';
import type { Engine, QueryOutcome, Row, RunOptions } from '../../src/engine/types.js';
import { Guide, type LoadedGuide, type Query } from '../../src/guide/model.js';
import type { Session } from '../../src/triage/model.js';
import { createSession } from '../../src/triage/session.js';
import { SessionStore } from '../../src/triage/store.js';
import { TriageController } from '../../src/ui/controller.js';

/** A small guide: two steps (one nested), three queries (fan-out, waiting, many rows), false positives, checklist. */
export const guide: Guide = Guide.parse({
  rule_id: 'test-rule-0001',
  name: { en: 'Suspicious Test Activity', 'zh-CN': '可疑的测试活动' },
  severity: 'high',
  risk_score: 73,
  mitre: { tactics: ['TA0003'], techniques: ['T1574.006'] },
  fields: ['process.name', 'file.path', 'user.name'],
  summary: { en: 'A test rule.', 'zh-CN': '测试规则。' },
  steps: [
    {
      text: { en: 'Look at the processes the alert names.', 'zh-CN': '查看告警中提到的进程。' },
      queries: ['proc-by-name'],
      steps: [{ text: { en: 'Check the file the process wrote.', 'zh-CN': '检查进程写入的文件。' }, queries: ['file-info'] }],
    },
    { text: { en: 'List every account.', 'zh-CN': '列出所有账户。' }, queries: ['all-users'] },
  ],
  false_positives: [{ en: 'Package managers copy linkers during upgrades.', 'zh-CN': '软件包管理器在升级时会复制链接器。' }],
  response: [
    { id: 'isolate-host', text: { en: 'Isolate the host.', 'zh-CN': '隔离主机。' } },
    { id: 'collect-file', text: { en: 'Collect the file for analysis.', 'zh-CN': '收集文件以供分析。' } },
    { id: 'reset-credentials', text: { en: 'Reset the user credentials.', 'zh-CN': '重置用户凭据。' } },
  ],
});

export const queries: Query[] = [
  {
    id: 'proc-by-name',
    title: { en: 'Processes by name', 'zh-CN': '按名称查找进程' },
    sql: 'SELECT pid, name, path FROM processes WHERE name = <<process.name>>;',
    fields: ['process.name'],
    tables: ['processes'],
    platforms: ['linux'],
    flags: [{ when: "name = 'evil'", severity: 'high', reason: { en: 'a process named evil', 'zh-CN': '名为 evil 的进程' } }],
    file: 'proc-by-name.sql',
  },
  {
    id: 'file-info',
    title: { en: 'File details', 'zh-CN': '文件详情' },
    sql: "SELECT path, size FROM file WHERE path = <<file.path>> OR path LIKE '<<file.path>>.%';",
    fields: ['file.path'],
    tables: ['file'],
    platforms: ['linux'],
    flags: [],
    file: 'file-info.sql',
  },
  {
    id: 'all-users',
    title: { en: 'All accounts', 'zh-CN': '所有账户' },
    sql: 'SELECT uid, username, description, shell FROM users;',
    fields: [],
    tables: ['users'],
    platforms: ['linux'],
    flags: [{ when: "uid = '0'", severity: 'medium', reason: { en: 'root account', 'zh-CN': 'root 账户' } }],
    file: 'all-users.sql',
  },
];

export function testAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    rule: { ruleId: 'test-rule-0001', ruleName: 'Suspicious Test Activity', severity: 'high', riskScore: 73 },
    fields: { 'process.name': ['bash', 'evil'], 'user.name': ['alice'], 'host.name': ['web-01'] },
    timestamp: '2026-03-14T02:17:45.912Z',
    host: 'web-01',
    buildingBlocks: [],
    origin: 'test.json',
    ...overrides,
  };
}

export function testSession(alert: Alert = testAlert()): Session {
  const loaded: LoadedGuide = { guide, file: 'test.yaml', sha256: 'f'.repeat(64), source: 'shipped' };
  return createSession({
    id: 'session-1',
    at: '2026-03-14T03:00:00.000Z',
    tool: { name: 'osq-triage', version: '0.1.0' },
    host: { hostname: 'analyst', platform: 'linux', release: '6.1', arch: 'x64', user: 'analyst' },
    lang: 'en',
    alert,
    guide: loaded,
    queries: new Map(queries.map((q) => [q.id, q])),
    engine: { name: 'table-engine', version: '1.0' },
  });
}

/**
 * An in-process engine answering from generated tables: `users` has `userRows` rows (uid 0 first), `processes` echoes
 * the name asked for, and a path containing "shadow" fails the way osqueryi fails. Runs can be held open until the
 * test releases them (no timing involved).
 */
export class TableEngine implements Engine {
  readonly name = 'table-engine';
  private held: (() => void)[] = [];
  hold = false;
  readonly seen: string[] = [];

  constructor(private readonly userRows = 50) {}

  info(): Promise<{ name: string; version: string }> {
    return Promise.resolve({ name: this.name, version: '1.0' });
  }

  /** Let every held run go, and every later one through. */
  release(): void {
    this.hold = false;
    for (const go of this.held.splice(0)) go();
  }

  get waiting(): number {
    return this.held.length;
  }

  async run(sql: string, options: RunOptions): Promise<QueryOutcome> {
    this.seen.push(sql);
    const startedAt = new Date().toISOString();
    if (this.hold && options.signal?.aborted !== true) {
      await new Promise<void>((resolve) => {
        this.held.push(resolve);
        options.signal?.addEventListener('abort', () => resolve());
      });
    }
    if (options.signal?.aborted) return { status: 'error', columns: [], rows: [], exitCode: null, stderr: '', error: 'stopped', startedAt, durationMs: 1 };
    if (sql.includes('shadow')) {
      return { status: 'error', columns: [], rows: [], exitCode: 1, stderr: 'Error: permission denied\u001b[31m!', error: 'osqueryi exited with code 1', startedAt, durationMs: 3 };
    }
    if (sql.includes('FROM users')) {
      const rows: Row[] = Array.from({ length: this.userRows }, (_, i) => ({
        uid: String(i),
        username: i === 0 ? 'root' : `user${i}`,
        description: i === 1 ? '管理员账户 with a rather long description that will not fit in the column' : `account ${i}`,
        shell: i % 2 === 0 ? '/bin/bash' : '/usr/sbin/nologin',
      }));
      return { status: 'ok', columns: ['uid', 'username', 'description', 'shell'], rows, exitCode: 0, stderr: '', startedAt, durationMs: 12 };
    }
    if (sql.includes('FROM processes')) {
      const name = /name = '([^']*)'/.exec(sql)?.[1] ?? '';
      const rows: Row[] = [{ pid: '4242', name, path: `/usr/bin/${name}` }];
      return { status: 'ok', columns: ['pid', 'name', 'path'], rows, exitCode: 0, stderr: '', startedAt, durationMs: 5 };
    }
    if (sql.includes('FROM file')) {
      return { status: 'ok', columns: ['path', 'size'], rows: [{ path: '/tmp/x', size: '10' }], exitCode: 0, stderr: '', startedAt, durationMs: 2 };
    }
    return { status: 'ok', columns: [], rows: [], exitCode: 0, stderr: '', startedAt, durationMs: 1 };
  }
}

export interface Bench {
  dir: string;
  store: SessionStore;
  engine: TableEngine;
  controller: TriageController<SessionStore>;
  exports: { formats: string[]; at: string }[];
  cleanup(): Promise<void>;
}

/** A real store in a temporary directory, the table engine, and a controller over both. */
export async function openBench(options: { userRows?: number; alert?: Alert } = {}): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), 'osq-ui-'));
  const dir = join(root, 'session');
  const store = await SessionStore.create(dir, testSession(options.alert));
  const engine = new TableEngine(options.userRows);
  const exports: { formats: string[]; at: string }[] = [];
  const controller = new TriageController(store, {
    engine,
    concurrency: 2,
    timeoutMs: 5000,
    exportBundle: async (s, formats, at) => {
      exports.push({ formats, at });
      await s.apply({ type: 'exported', formats, files: formats.map((f) => `report.${f}`), at });
      return { files: formats.map((f) => join(s.dir, `report.${f}`)), sumsHead: `${'a'.repeat(64)}  report.md` };
    },
  });
  return { dir, store, engine, controller, exports, cleanup: () => rm(root, { recursive: true, force: true }) };
}
