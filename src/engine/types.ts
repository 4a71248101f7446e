/** One row as osqueryi prints it: every value a string, NULL as "". */
export type Row = Record<string, string>;

export type OutcomeStatus = 'ok' | 'error' | 'timeout' | 'blocked';

/** Success and failure share one shape; callers never parse error text to learn what happened. */
export interface QueryOutcome {
  status: OutcomeStatus;
  columns: string[];
  rows: Row[];
  /** Process exit code for process engines; 0/1 for the in-process engine; null when killed or never started. */
  exitCode: number | null;
  stderr: string;
  /** One-line description of the failure, absent on success. */
  error?: string;
  startedAt: string;
  durationMs: number;
}

export interface EngineInfo {
  /** osqueryi | builtin | ssh:HOST */
  name: string;
  version: string;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Engine {
  readonly name: string;
  info(): Promise<EngineInfo>;
  run(sql: string, options: RunOptions): Promise<QueryOutcome>;
  close?(): Promise<void>;
}
