import type { Alert } from '../alert/types.js';
import type { EngineInfo } from '../engine/types.js';
import type { Flag, Guide, Language, LocalizedText, Severity } from '../guide/model.js';

/** Where a query stands: waiting for a field value, ready to run, running, or finished one way or another. */
export type QueryStatus = 'waiting' | 'ready' | 'running' | 'ok' | 'error' | 'timeout' | 'blocked';

export const VERDICTS = ['true-positive', 'benign-true-positive', 'false-positive', 'undetermined'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Rows a guide-declared flag matched in one run. */
export interface Finding {
  severity: Severity;
  reason: LocalizedText;
  when: string;
  /** Indexes into the run's rows. */
  rows: number[];
  /** What triggered the flag: the shown columns of each matched row, distinct, at most MAX_FINDING_VALUES. */
  values: Record<string, string>[];
  /** Distinct value sets left out of `values` because of the cap. */
  moreValues?: number;
}

/** One execution of a query with one set of values (a query fans out into several runs for multi-valued fields). */
export interface RunRecord {
  /** `<query id>#<n>`, unique in the session. */
  key: string;
  label: string;
  sql: string;
  values: Record<string, string>;
  status: Exclude<QueryStatus, 'waiting'>;
  columns: string[];
  rowCount: number;
  /** sha256 of the rows file's bytes. */
  rowsSha256?: string;
  /** Rows as returned, relative to the session directory (results/NN-<query-id>.json). */
  resultFile?: string;
  error?: string;
  exitCode?: number | null;
  stderr?: string;
  startedAt?: string;
  durationMs?: number;
  findings: Finding[];
  /** Rows whose time columns fall within the window around the alert's @timestamp. */
  nearAlert: number[];
}

export interface QueryRecord {
  id: string;
  title: LocalizedText;
  /** The SQL with placeholders, as the guide holds it. */
  template: string;
  fields: string[];
  tables: string[];
  flags: Flag[];
  status: QueryStatus;
  /** Fields without a value (status waiting). */
  missing: string[];
  /** Why the query cannot run (status blocked before any run). */
  refusal?: string;
  /** Total value combinations when fan-out was capped. */
  combinations?: number;
  runs: RunRecord[];
}

export interface ChecklistState {
  id: string;
  text: LocalizedText;
  checked: boolean;
  at?: string;
}

export interface Note {
  /** `session`, `query:<id>`, `step:<path>` or `item:<id>`. */
  target: string;
  text: string;
  at: string;
}

export interface HostFacts {
  hostname: string;
  platform: string;
  release: string;
  arch: string;
  /** Who ran the triage. */
  user: string;
}

export interface Session {
  format: 'osq-triage-session/1';
  id: string;
  createdAt: string;
  updatedAt: string;
  tool: { name: string; version: string };
  host: HostFacts;
  lang: Language;
  alert: Alert;
  guide: { rule_id: string; source: string; file: string; sha256: string; snapshot: Guide };
  engine: EngineInfo;
  /** Values entered by hand (--set or the TUI prompt), merged over the alert's own. */
  enteredFields: Record<string, string[]>;
  queries: QueryRecord[];
  checklist: ChecklistState[];
  notes: Note[];
  verdict?: { value: Verdict; reason: string; at: string };
  exports: { at: string; formats: string[]; files: string[] }[];
  /** Position in audit.jsonl this state reflects (set by the store). */
  audit?: { events: number; head: string };
}

/** Everything that changes a session. Each action is also one audit event. */
export type SessionAction =
  | { type: 'value-entered'; field: string; values: string[]; at: string }
  | { type: 'run-started'; key: string; at: string }
  | { type: 'run-finished'; key: string; at: string; result: RunResult }
  | { type: 'checklist-toggled'; id: string; checked: boolean; at: string }
  | { type: 'note-set'; target: string; text: string; at: string }
  | { type: 'verdict-set'; value: Verdict; reason: string; at: string }
  | { type: 'exported'; formats: string[]; files: string[]; at: string };

export type RunResult = Pick<
  RunRecord,
  'status' | 'columns' | 'rowCount' | 'rowsSha256' | 'resultFile' | 'error' | 'exitCode' | 'stderr' | 'startedAt' | 'durationMs' | 'findings' | 'nearAlert'
>;
