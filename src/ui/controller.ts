import type { Engine, Row } from '../engine/types.js';
import { executeRuns, type SessionSink } from '../triage/execute.js';
import type { Session, SessionAction, Verdict } from '../triage/model.js';
import { readyRuns } from '../triage/reducer.js';
import { readResultFile, type RowsView } from './result-rows.js';

/** What the screen needs of the evidence store (SessionStore satisfies it). */
export interface TriageStore extends SessionSink {
  readonly dir: string;
}

export type ExportFormat = 'md' | 'html' | 'json';
export type ExportOutcome = { ok: true; files: string[]; sumsHead: string } | { ok: false; message: string };

export interface ControllerOptions<S extends TriageStore = TriageStore> {
  engine: Engine;
  concurrency: number;
  timeoutMs: number;
  exportBundle(store: S, formats: ExportFormat[], at: string): Promise<{ files: string[]; sumsHead: string }>;
  now?: () => string;
  clock?: () => number;
}

export interface Batch {
  total: number;
  done: number;
  startedAt: number;
  finishedAt?: number;
}

/** A line for the status bar: an error as text, or a known situation the view words in the chosen language. */
export type Notice = { kind: 'error'; text: string } | { kind: 'nothing-ready' };

export interface ControllerSnapshot {
  session: Session;
  batch?: Batch;
  /** Runs handed to the engine and not finished yet. */
  inFlight: ReadonlySet<string>;
  notice?: Notice;
  /** Bumped when rows arrive or finish loading, so views holding a RowsView re-read it. */
  rowsVersion: number;
}

/**
 * The side-effect edge of the triage screen: every change goes through the store (audit line + session.json) via the
 * same reducer `run` uses; queries run through executeRuns. Components read snapshots and never touch the store.
 * Nothing here throws into the UI: failures become a notice.
 */
export class TriageController<S extends TriageStore = TriageStore> {
  private snapshot: ControllerSnapshot;
  private listeners = new Set<() => void>();
  private rowsByKey = new Map<string, RowsView>();
  private work = new Set<Promise<void>>();
  private abort = new AbortController();
  private readonly now: () => string;
  private readonly clock: () => number;

  constructor(
    readonly store: S,
    private readonly options: ControllerOptions<S>,
  ) {
    this.now = options.now ?? (() => new Date().toISOString());
    this.clock = options.clock ?? (() => Date.now());
    this.snapshot = { session: store.session, inFlight: new Set(), rowsVersion: 0 };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ControllerSnapshot => this.snapshot;

  get running(): boolean {
    return this.snapshot.inFlight.size > 0;
  }

  /** Every ready run, as one batch with a progress count. */
  runAll(): void {
    const keys = readyRuns(this.store.session).filter((k) => !this.snapshot.inFlight.has(k));
    if (keys.length === 0) {
      this.update({ notice: { kind: 'nothing-ready' } });
      return;
    }
    this.execute(keys);
  }

  /** Run (or re-run) every run of one query. */
  runQuery(queryId: string): void {
    const query = this.store.session.queries.find((q) => q.id === queryId);
    if (!query) return;
    const keys = query.runs.filter((r) => r.status !== 'blocked' && !this.snapshot.inFlight.has(r.key)).map((r) => r.key);
    if (keys.length > 0) this.execute(keys);
  }

  /** Values typed at the prompt: each recorded as entered by hand, then the query runs. */
  enterValues(queryId: string, values: Record<string, string>): void {
    this.track(
      (async () => {
        for (const [field, value] of Object.entries(values)) {
          await this.store.apply({ type: 'value-entered', field, values: [value], at: this.now() });
        }
        this.update({});
        const query = this.store.session.queries.find((q) => q.id === queryId);
        if (query?.status === 'ready') this.runQuery(queryId);
      })(),
    );
  }

  toggle(id: string, checked: boolean): void {
    this.record({ type: 'checklist-toggled', id, checked, at: this.now() });
  }

  setNote(target: string, text: string): void {
    this.record({ type: 'note-set', target, text, at: this.now() });
  }

  setVerdict(value: Verdict, reason: string): void {
    this.record({ type: 'verdict-set', value, reason, at: this.now() });
  }

  async exportReports(formats: ExportFormat[]): Promise<ExportOutcome> {
    try {
      await this.settled();
      const result = await this.options.exportBundle(this.store, formats, this.now());
      this.update({});
      return { ok: true, ...result };
    } catch (err) {
      return { ok: false, message: messageOf(err) };
    }
  }

  /** Rows of a run: kept from the engine, or read from the bundle for a resumed session (started on first ask). */
  rows(key: string): RowsView {
    const known = this.rowsByKey.get(key);
    if (known) return known;
    const run = this.store.session.queries.flatMap((q) => q.runs).find((r) => r.key === key);
    if (!run?.resultFile || run.status === 'running') return { state: 'none' };
    const loading: RowsView = { state: 'loading' };
    this.rowsByKey.set(key, loading);
    const file = run.resultFile;
    this.track(
      readResultFile(this.store.dir, file).then((view) => {
        if (this.rowsByKey.get(key) === loading) this.rowsByKey.set(key, view);
        this.update({ rowsVersion: this.snapshot.rowsVersion + 1 });
      }),
    );
    return loading;
  }

  dismissNotice(): void {
    if (this.snapshot.notice) this.update({ notice: undefined });
  }

  /** Stop running queries (engines kill their processes) and wait for every write in flight. */
  async shutdown(): Promise<void> {
    this.abort.abort();
    await this.settled();
  }

  /** Resolves when no work is outstanding. */
  async settled(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  private execute(keys: string[]): void {
    const store = this.store;
    const inFlight = new Set(this.snapshot.inFlight);
    for (const k of keys) {
      inFlight.add(k);
      this.rowsByKey.delete(k);
    }
    const prior = this.snapshot.batch;
    const batch: Batch =
      prior && prior.finishedAt === undefined
        ? { ...prior, total: prior.total + keys.length }
        : { total: keys.length, done: 0, startedAt: this.clock() };
    this.update({ inFlight, batch });
    const sink: SessionSink = {
      get session() {
        return store.session;
      },
      apply: async (action) => {
        const next = await store.apply(action);
        if (action.type === 'run-finished') this.finished(action.key);
        else this.update({});
        return next;
      },
      writeRows: (queryId, columns, rows) => store.writeRows(queryId, columns, rows),
    };
    this.track(
      executeRuns(keys, {
        engine: this.options.engine,
        sink,
        concurrency: this.options.concurrency,
        timeoutMs: this.options.timeoutMs,
        now: this.now,
        signal: this.abort.signal,
        onRows: (key: string, columns: string[], rows: Row[]) => {
          this.rowsByKey.set(key, { state: 'ready', columns, rows });
        },
      }).finally(() => {
        // Runs that never finished (a store failure, an abort) leave the in-flight set here.
        const left = keys.filter((k) => this.snapshot.inFlight.has(k));
        for (const k of left) this.finished(k);
      }),
    );
  }

  private finished(key: string): void {
    if (!this.snapshot.inFlight.has(key)) return;
    const inFlight = new Set(this.snapshot.inFlight);
    inFlight.delete(key);
    const batch = this.snapshot.batch ? { ...this.snapshot.batch, done: this.snapshot.batch.done + 1 } : undefined;
    if (batch && batch.done >= batch.total) batch.finishedAt = this.clock();
    this.update({ inFlight, batch, rowsVersion: this.snapshot.rowsVersion + 1 });
  }

  private record(action: SessionAction): void {
    this.track(this.store.apply(action).then(() => this.update({})));
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      (err: unknown) => this.update({ notice: { kind: 'error', text: messageOf(err) } }),
    );
    this.work.add(settled);
    void settled.finally(() => this.work.delete(settled));
  }

  private update(change: Partial<ControllerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change, session: this.store.session };
    for (const listener of this.listeners) listener();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
