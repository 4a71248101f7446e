/**
 * Where the engine's statements run. SQLite in WebAssembly runs synchronously, so a runaway statement (a recursive
 * CTE without end, a catastrophic regex) would freeze its thread: statements run in one warm worker thread that
 * is terminated when its statement outlives the timeout (a fresh one starts with the next statement).
 *
 * From TypeScript sources (under vitest) there is no compiled worker file to start; statements then run in this
 * thread and a timeout only stops the wait: the statement itself is not interrupted. The built package (dist/)
 * always has its worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { executeStatement } from './executor.js';
import type { StatementResult } from './run-statement.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

export type RunEnd =
  | { kind: 'done'; result: StatementResult }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'crashed'; error: string };

export interface StatementRunner {
  /** True when a runaway statement is really stopped (worker thread), false for in-thread execution. */
  readonly isolated: boolean;
  run(sql: string, timeoutMs: number, signal?: AbortSignal): Promise<RunEnd>;
  close(): Promise<void>;
}

/** The worker next to this module when built; in-thread execution otherwise. */
export function createStatementRunner(root: string | undefined, workerFile = new URL('./worker.js', import.meta.url)): StatementRunner {
  return existsSync(fileURLToPath(workerFile)) ? new WorkerRunner(workerFile, root) : new InThreadRunner(root);
}

interface Job {
  sql: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  done: (end: RunEnd) => void;
}

class WorkerRunner implements StatementRunner {
  readonly isolated = true;
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: { job: Job; id: number; timer: NodeJS.Timeout; onAbort: () => void } | null = null;
  private nextId = 1;

  constructor(
    private readonly file: URL,
    private readonly root: string | undefined,
  ) {}

  run(sql: string, timeoutMs: number, signal?: AbortSignal): Promise<RunEnd> {
    return new Promise((done) => {
      const job: Job = { sql, timeoutMs, signal, done };
      // Cancelled while still waiting for its turn: leave the queue at once.
      signal?.addEventListener('abort', () => {
        const at = this.queue.indexOf(job);
        if (at >= 0) {
          this.queue.splice(at, 1);
          done({ kind: 'cancelled' });
        }
      }, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.done({ kind: 'cancelled' });
    if (this.current) this.finish({ kind: 'cancelled' }, true);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    if (job.signal?.aborted) {
      job.done({ kind: 'cancelled' });
      this.pump();
      return;
    }
    const worker = this.ensureWorker();
    worker.ref();
    const id = this.nextId++;
    const timer = setTimeout(() => this.finish({ kind: 'timeout' }, true), Math.max(0, job.timeoutMs));
    const onAbort = (): void => this.finish({ kind: 'cancelled' }, true);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    this.current = { job, id, timer, onAbort };
    worker.postMessage({ id, sql: job.sql, root: this.root } satisfies WorkerRequest);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', (reply: WorkerReply) => {
      if (this.worker === worker && this.current?.id === reply.id) this.finish({ kind: 'done', result: reply.result }, false);
    });
    worker.on('error', (err: Error) => {
      if (this.worker === worker) this.finish({ kind: 'crashed', error: err.message }, true);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.current) this.finish({ kind: 'crashed', error: `the engine's worker thread exited (code ${code})` }, false);
    });
    this.worker = worker;
    return worker;
  }

  private finish(end: RunEnd, kill: boolean): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    clearTimeout(current.timer);
    current.job.signal?.removeEventListener('abort', current.onAbort);
    if (kill && this.worker) {
      const worker = this.worker;
      this.worker = null;
      void worker.terminate();
    }
    // An idle worker must not keep the process alive.
    this.worker?.unref();
    current.job.done(end);
    this.pump();
  }
}

class InThreadRunner implements StatementRunner {
  readonly isolated = false;
  constructor(private readonly root: string | undefined) {}

  run(sql: string, timeoutMs: number, signal?: AbortSignal): Promise<RunEnd> {
    if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    return new Promise((done) => {
      const timer = setTimeout(() => settle({ kind: 'timeout' }), Math.max(0, timeoutMs));
      const onAbort = (): void => settle({ kind: 'cancelled' });
      signal?.addEventListener('abort', onAbort, { once: true });
      let settled = false;
      function settle(end: RunEnd): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        done(end);
      }
      executeStatement(sql, { root: this.root }).then(
        (result) => settle({ kind: 'done', result }),
        (err: unknown) => settle({ kind: 'crashed', error: err instanceof Error ? err.message : String(err) }),
      );
    });
  }

  async close(): Promise<void> {}
}
