import type { Engine, QueryOutcome, Row } from '../engine/types.js';
import { checkReadOnly } from '../sql/guard.js';
import { evaluateFindings } from './findings.js';
import { needsHostRecords } from './flag-functions.js';
import type { Flag } from '../guide/model.js';
import type { HostRecordSet } from '../engine/types.js';
import type { RunResult, Session, SessionAction } from './model.js';
import { findRun } from './reducer.js';

/** Where the executor records what happens: the store (evidence) or, in tests, anything with the same shape. */
export interface SessionSink {
  readonly session: Session;
  apply(action: SessionAction): Promise<Session>;
  writeRows(queryId: string, columns: string[], rows: Row[]): Promise<{ file: string; sha256: string }>;
}

export interface ExecuteOptions {
  engine: Engine;
  sink: SessionSink;
  concurrency: number;
  timeoutMs: number;
  now?: () => string;
  /** Called with each run's rows as they arrive (the TUI keeps them in memory). */
  onRows?: (key: string, columns: string[], rows: Row[]) => void;
  signal?: AbortSignal;
}

/** Run the given runs with bounded parallelism; each result is recorded before the next event. Never throws for a query. */
export async function executeRuns(keys: string[], options: ExecuteOptions): Promise<void> {
  const now = options.now ?? (() => new Date().toISOString());
  const queue = [...keys];
  const worker = async (): Promise<void> => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      if (options.signal?.aborted) return;
      await executeOne(key, options, now);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, keys.length));
  await Promise.all(Array.from({ length: lanes }, worker));
}

async function executeOne(key: string, options: ExecuteOptions, now: () => string): Promise<void> {
  const found = findRun(options.sink.session, key);
  if (!found) return;
  const { query, run } = found;
  const startedAt = now();
  await options.sink.apply({ type: 'run-started', key, at: startedAt });
  const verdict = checkReadOnly(run.sql);
  const outcome: QueryOutcome = verdict.ok
    ? await options.engine.run(run.sql, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
    : { status: 'blocked', columns: [], rows: [], exitCode: null, stderr: '', error: `refused by the read-only guard: ${verdict.reason}`, startedAt, durationMs: 0 };
  const stored = await options.sink.writeRows(query.id, outcome.columns, outcome.rows);
  options.onRows?.(key, outcome.columns, outcome.rows);
  const evaluation = outcome.status === 'ok'
    ? await evaluateFindings(query.flags, outcome.columns, outcome.rows, {
        alertTime: options.sink.session.alert.timestamp,
        records: await hostRecordsFor(query.flags, options),
      })
    : { findings: [], nearAlert: [], errors: [] };
  const result: RunResult = {
    status: outcome.status,
    columns: outcome.columns,
    rowCount: outcome.rows.length,
    rowsSha256: stored.sha256,
    resultFile: stored.file,
    exitCode: outcome.exitCode,
    stderr: outcome.stderr,
    startedAt,
    durationMs: outcome.durationMs,
    findings: evaluation.findings,
    nearAlert: evaluation.nearAlert,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    ...(evaluation.errors.length > 0 && outcome.error === undefined ? { error: evaluation.errors.join('; ') } : {}),
  };
  await options.sink.apply({ type: 'run-finished', key, at: now(), result });
}

/** The engine's host records, read only when a flag of this query asks for them. */
async function hostRecordsFor(flags: Flag[], options: ExecuteOptions): Promise<HostRecordSet | undefined> {
  const records = options.engine.hostRecords;
  if (!records || !needsHostRecords(flags.flatMap((f) => [f.when, ...(f.show ?? [])]))) return undefined;
  try {
    return await records.load();
  } catch {
    return undefined;
  }
}
