import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/alert/types.js';
import type { Engine, QueryOutcome } from '../../src/engine/types.js';
import type { Guide, LoadedGuide, Query } from '../../src/guide/model.js';
import { checkChain, sha256Hex } from '../../src/triage/audit.js';
import { executeRuns } from '../../src/triage/execute.js';
import { readyRuns, reduceSession } from '../../src/triage/reducer.js';
import { createSession } from '../../src/triage/session.js';
import { SessionStore } from '../../src/triage/store.js';

const guide: Guide = {
  rule_id: 'rule-1',
  name: { en: 'Test rule', 'zh-CN': '测试规则' },
  languages: ['en', 'zh-CN'],
  severity: 'high',
  risk_score: 73,
  mitre: { tactics: [], techniques: [] },
  platforms: ['linux'],
  tags: [],
  fields: ['user.name', 'file.path', 'process.args'],
  summary: { en: 's', 'zh-CN': 's' },
  steps: [{ text: { en: 'look' }, queries: ['by-user', 'by-file', 'by-arg'], steps: [] }],
  false_positives: [],
  related_rules: [],
  response: [{ id: 'isolate', text: { en: 'Isolate the host' } }],
};

const made: string[] = [];
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'osq-store-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

const queries = new Map<string, Query>([
  ['by-user', { id: 'by-user', title: { en: 'user' }, sql: 'SELECT * FROM users WHERE username = <<user.name>>', fields: ['user.name'], tables: ['users'], platforms: ['linux'], flags: [{ when: "uid = '0'", severity: 'high', reason: { en: 'root' } }], file: 'x' }],
  ['by-file', { id: 'by-file', title: { en: 'file' }, sql: 'SELECT * FROM file WHERE path = <<file.path>>', fields: ['file.path'], tables: ['file'], platforms: ['linux'], flags: [], file: 'x' }],
  ['by-arg', { id: 'by-arg', title: { en: 'arg' }, sql: 'SELECT * FROM file WHERE path = <<process.args>>', fields: ['process.args'], tables: ['file'], platforms: ['linux'], flags: [], file: 'x' }],
]);

const alert: Alert = {
  id: 'a1',
  rule: { ruleId: 'rule-1' },
  fields: { 'user.name': ["o'brien"], 'process.args': ['/bin/x', '/tmp/y'] },
  timestamp: '2026-11-20T10:00:00Z',
  buildingBlocks: [],
  origin: 'test',
};

/** An engine that answers from a table of canned outcomes keyed by SQL. */
function cannedEngine(answer: (sql: string) => Partial<QueryOutcome>): Engine & { seen: string[] } {
  const seen: string[] = [];
  return {
    name: 'canned',
    seen,
    info: async () => ({ name: 'canned', version: '1' }),
    run: async (sql) => {
      seen.push(sql);
      return { status: 'ok', columns: [], rows: [], exitCode: 0, stderr: '', startedAt: 'x', durationMs: 1, ...answer(sql) };
    },
  };
}

function newSession() {
  const loaded: LoadedGuide = { guide, file: 'g.yaml', sha256: 'abc', source: 'shipped' };
  return createSession({
    id: 's1',
    at: '2026-11-20T10:05:00.000Z',
    tool: { name: 'osq-triage', version: '0' },
    host: { hostname: 'h', platform: 'linux', release: 'r', arch: 'x64', user: 'u' },
    lang: 'en',
    alert,
    guide: loaded,
    queries,
    engine: { name: 'canned', version: '1' },
  });
}

describe('session planning and reducer', () => {
  it('renders what it can, waits for the rest, fans out multi-valued fields', () => {
    const s = newSession();
    expect(s.queries.map((q) => [q.id, q.status, q.runs.length])).toEqual([
      ['by-user', 'ready', 1],
      ['by-file', 'waiting', 0],
      ['by-arg', 'ready', 2],
    ]);
    expect(s.queries[0]?.runs[0]?.sql).toBe("SELECT * FROM users WHERE username = 'o''brien'");
    expect(s.queries[2]?.runs.map((r) => r.label)).toEqual(['process.args=/bin/x', 'process.args=/tmp/y']);
  });

  it('a value entered by hand makes a waiting query ready', () => {
    const s = reduceSession(newSession(), { type: 'value-entered', field: 'file.path', values: ['/etc/ld.so.preload'], at: 't' });
    const q = s.queries.find((x) => x.id === 'by-file');
    expect(q?.status).toBe('ready');
    expect(q?.runs[0]?.sql).toBe("SELECT * FROM file WHERE path = '/etc/ld.so.preload'");
    expect(s.enteredFields).toEqual({ 'file.path': ['/etc/ld.so.preload'] });
  });

  it('checklist, notes and verdict', () => {
    let s = reduceSession(newSession(), { type: 'checklist-toggled', id: 'isolate', checked: true, at: 't1' });
    s = reduceSession(s, { type: 'note-set', target: 'item:isolate', text: 'done by netops', at: 't2' });
    s = reduceSession(s, { type: 'verdict-set', value: 'true-positive', reason: 'preload planted', at: 't3' });
    expect(s.checklist[0]).toMatchObject({ checked: true, at: 't1' });
    expect(s.notes).toEqual([{ target: 'item:isolate', text: 'done by netops', at: 't2' }]);
    expect(s.verdict).toEqual({ value: 'true-positive', reason: 'preload planted', at: 't3' });
  });
});

describe('store and executor', () => {
  it('runs ready queries, keeps rows, findings and a valid hash chain; resume replays what session.json missed', async () => {
    const dir = join(await scratch(), 'bundle');
    const store = await SessionStore.create(dir, newSession());
    const engine = cannedEngine((sql) =>
      sql.includes('users') ? { columns: ['uid', 'username'], rows: [{ uid: '0', username: "o'brien" }, { uid: '1000', username: 'x' }] } : { status: 'error', error: 'Error: nope', exitCode: 1 },
    );
    await executeRuns(readyRuns(store.session), { engine, sink: store, concurrency: 2, timeoutMs: 1000 });
    expect(engine.seen).toHaveLength(3);
    const user = store.session.queries[0]?.runs[0];
    expect(user).toMatchObject({ status: 'ok', rowCount: 2, resultFile: expect.stringMatching(/^results\/0\d-by-user\.json$/) });
    expect(user?.findings).toEqual([{ severity: 'high', reason: { en: 'root' }, when: "uid = '0'", rows: [0], values: [{ uid: '0' }] }]);
    const rowsFile = await readFile(join(dir, user?.resultFile ?? ''), 'utf8');
    expect(sha256Hex(rowsFile)).toBe(user?.rowsSha256);
    expect(store.session.queries[2]?.status).toBe('error');

    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    const chain = checkChain(audit);
    expect(chain.ok).toBe(true);
    const types = audit.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types.slice(0, 4)).toEqual(['session-started', 'query-rendered', 'query-rendered', 'query-rendered']);
    expect(types.filter((t) => t === 'run-finished')).toHaveLength(3);

    // The process dies after an audit line but before session.json: resume replays the line.
    await store.apply({ type: 'note-set', target: 'session', text: 'before', at: 't' });
    const saved = await readFile(join(dir, 'session.json'), 'utf8');
    await store.apply({ type: 'verdict-set', value: 'false-positive', reason: 'admin', at: 't2' });
    await writeFile(join(dir, 'session.json'), saved);
    const reopened = await SessionStore.open(dir);
    expect(reopened.session.verdict?.value).toBe('false-positive');
    expect(reopened.session.notes[0]?.text).toBe('before');
  });

  it('refuses to resume a bundle whose audit chain was altered', async () => {
    const dir = join(await scratch(), 'bundle');
    const store = await SessionStore.create(dir, newSession());
    await store.apply({ type: 'note-set', target: 'session', text: 'x', at: 't' });
    const audit = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    await writeFile(join(dir, 'audit.jsonl'), audit.replace('"text":"x"', '"text":"y"'));
    await expect(SessionStore.open(dir)).rejects.toThrow(/does not match the head hash/);
    // A change to any line before the last breaks the chain itself.
    const lines = audit.trim().split('\n');
    lines[1] = (lines[1] ?? '').replace('"query-rendered"', '"query-rendred"');
    expect(checkChain(lines.join('\n'))).toMatchObject({ ok: false, line: 3 });
  });

  it('will not write into a non-empty directory', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'something'), 'x');
    await expect(SessionStore.create(dir, newSession())).rejects.toThrow(/not empty/);
  });
});
