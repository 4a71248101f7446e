import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Row } from '../engine/types.js';
import { appendLineDurable, writeFileAtomic } from './atomic.js';
import { auditLine, checkChain, GENESIS, sha256Hex } from './audit.js';
import type { Session, SessionAction } from './model.js';
import { reduceSession } from './reducer.js';

export const SESSION_FILE = 'session.json';
export const AUDIT_FILE = 'audit.jsonl';
export const RESULTS_DIR = 'results';

/**
 * The evidence bundle on disk. Every change appends one hash-chained audit line (durable) and then rewrites
 * session.json atomically, so a killed process loses at most the event in flight. Writes are serialised.
 */
export class SessionStore {
  private queue: Promise<unknown> = Promise.resolve();
  private resultCount: number;

  private constructor(
    readonly dir: string,
    private state: Session,
    private seq: number,
    private head: string,
    resultCount: number,
  ) {
    this.resultCount = resultCount;
  }

  get session(): Session {
    return this.state;
  }

  /** Start a bundle in `dir` (created; must be new or empty). */
  static async create(dir: string, session: Session): Promise<SessionStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const existing = await readdir(dir);
    if (existing.length > 0) throw new StoreError(`${dir} is not empty: choose a new --out directory or resume it`);
    await mkdir(join(dir, RESULTS_DIR), { mode: 0o700 });
    const store = new SessionStore(dir, session, 0, GENESIS, 0);
    await store.serialised(async () => {
      await store.appendEvent(session.createdAt, 'session-started', {
        tool: session.tool,
        host: session.host,
        engine: session.engine,
        guide: { rule_id: session.guide.rule_id, source: session.guide.source, sha256: session.guide.sha256 },
        alert: { id: session.alert.id, rule: session.alert.rule, origin: session.alert.origin },
        session,
      });
      for (const q of session.queries) {
        await store.appendEvent(session.createdAt, 'query-rendered', {
          query: q.id,
          status: q.status,
          missing: q.missing,
          runs: q.runs.map((r) => ({ key: r.key, label: r.label, sql: r.sql, status: r.status })),
        });
      }
      await store.saveSession();
    });
    return store;
  }

  /**
   * Open an existing bundle to continue it. session.json is the state as of its audit position; events appended after
   * it (the process died between the two writes) are replayed. Runs that were in flight go back to ready.
   */
  static async open(dir: string): Promise<SessionStore> {
    const auditText = await readFile(join(dir, AUDIT_FILE), 'utf8').catch(() => {
      throw new StoreError(`${dir} holds no ${AUDIT_FILE}: not a triage session directory`);
    });
    const chain = checkChain(auditText);
    if (!chain.ok) throw new StoreError(`${chain.message}: the session cannot be resumed safely (run osq-triage verify)`);
    let session: Session;
    try {
      session = JSON.parse(await readFile(join(dir, SESSION_FILE), 'utf8')) as Session;
    } catch {
      throw new StoreError(`${dir}/${SESSION_FILE} is missing or unreadable`);
    }
    const lines = auditText.split('\n').filter((l) => l !== '');
    const known = session.audit;
    if (known && (known.events > lines.length || sha256Hex(lines[known.events - 1] ?? '') !== known.head)) {
      throw new StoreError(`audit.jsonl line ${Math.min(known.events, lines.length)} does not match the head hash session.json recorded (altered or truncated): the session cannot be resumed safely (run osq-triage verify)`);
    }
    for (const line of lines.slice(session.audit?.events ?? lines.length)) {
      const event = JSON.parse(line) as { type: string; action?: SessionAction };
      if (event.action) session = reduceSession(session, event.action);
    }
    session = settleInterrupted(session);
    const results = await readdir(join(dir, RESULTS_DIR)).catch(() => []);
    const store = new SessionStore(dir, session, chain.events, chain.head, results.length);
    await store.serialised(() => store.saveSession());
    return store;
  }

  /** Apply an action: audit line first, then the new session.json. */
  apply(action: SessionAction): Promise<Session> {
    return this.serialised(async () => {
      const next = reduceSession(this.state, action);
      await this.appendEvent(action.at, action.type, { action });
      this.state = next;
      await this.saveSession();
      return next;
    });
  }

  /** An event that changes no state (e.g. `resumed`), recorded in the chain. */
  note(at: string, type: string, payload: Record<string, unknown>): Promise<void> {
    return this.serialised(() => this.appendEvent(at, type, payload));
  }

  /** Keep a run's rows as returned: results/NN-<query-id>.json. */
  writeRows(queryId: string, columns: string[], rows: Row[]): Promise<{ file: string; sha256: string }> {
    return this.serialised(async () => {
      this.resultCount++;
      const safeId = queryId.replace(/[^a-z0-9-]/gi, '_').slice(0, 80);
      const file = `${RESULTS_DIR}/${String(this.resultCount).padStart(2, '0')}-${safeId}.json`;
      const data = `${JSON.stringify({ query: queryId, columns, rows })}\n`;
      await writeFileAtomic(join(this.dir, file), data);
      return { file, sha256: sha256Hex(data) };
    });
  }

  get auditHead(): string {
    return this.head;
  }

  private async appendEvent(at: string, type: string, payload: Record<string, unknown>): Promise<void> {
    const line = auditLine(this.seq + 1, this.head, at, type, payload);
    await appendLineDurable(join(this.dir, AUDIT_FILE), line);
    this.seq++;
    this.head = sha256Hex(line);
  }

  private async saveSession(): Promise<void> {
    this.state = { ...this.state, audit: { events: this.seq, head: this.head } };
    await writeFileAtomic(join(this.dir, SESSION_FILE), `${JSON.stringify(this.state, null, 1)}\n`);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export class StoreError extends Error {
  override name = 'StoreError';
}

function settleInterrupted(session: Session): Session {
  return {
    ...session,
    queries: session.queries.map((q) => {
      if (!q.runs.some((r) => r.status === 'running')) return q;
      const runs = q.runs.map((r) => (r.status === 'running' ? { ...r, status: 'ready' as const } : r));
      return { ...q, runs, status: runs.some((r) => r.status === 'ready') ? ('ready' as const) : q.status };
    }),
  };
}
