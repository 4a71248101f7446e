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
  /** What findings may read from the triaged host beyond rows; absent when the host's files are out of reach (ssh). */
  readonly hostRecords?: HostRecords;
}

/** A file as the package manager installed it. */
export interface PackageFile {
  package: string;
  md5: string;
  /** A configuration file: administrators may change it, the package record is its original. */
  conffile: boolean;
}

/** A library named in /etc/ld.so.preload and whether it exists on the triaged host. */
export interface PreloadEntry {
  name: string;
  exists: boolean;
}

export interface HostRecordSet {
  /** The record of an absolute path; null when the host has no package records that can be read. */
  packages: { lookup(path: string): PackageFile | undefined } | null;
  /** null when /etc/ld.so.preload is absent or cannot be read. */
  preload: PreloadEntry[] | null;
}

/** Read once per session, on first use. */
export interface HostRecords {
  load(): Promise<HostRecordSet>;
}
