import type { Guide, Query } from '../model.js';

export type OriginKind = NonNullable<Guide['origin']>['kind'];

/** One osquery query as the source wrote it (`{{field}}` placeholders, Elastic's label). */
export interface OsqueryEntry {
  label: string;
  query: string;
}

/** A rule as read from any source, before it becomes a guide. Identity values are as the source wrote them. */
export interface RuleRecord {
  origin: { kind: OriginKind; file: string; version?: number };
  ruleId?: unknown;
  name?: unknown;
  severity?: unknown;
  riskScore?: unknown;
  /** Elastic's `threat` list (MITRE ATT&CK tactic / technique / subtechnique). */
  threat?: unknown;
  tags?: unknown;
  description?: unknown;
  note: string;
  /** Entries listed beside the note (detection-rules `[[transform.osquery]]`), referenced as `$osquery_N`. */
  listed?: OsqueryEntry[];
  /** The source's path, for platform hints (rules/windows/...). */
  path: string;
}

/** Something the import noticed and did not stop for. */
export interface ImportWarning {
  file: string;
  rule?: string;
  message: string;
}

/** A source item that is not imported, and why. */
export interface Skipped {
  file: string;
  rule?: string;
  reason: string;
}

/** A source that could not be read or parsed at all. */
export interface SourceError {
  file: string;
  message: string;
}

/** What reading one source file produced. */
export interface ReadResult {
  records: RuleRecord[];
  skipped: Skipped[];
  errors: SourceError[];
}

/** One imported guide and the file name it is written under (DIR/guides/<name>). */
export interface ImportedGuide {
  guide: Guide;
  fileName: string;
}

export type ImportedQuery = Omit<Query, 'file'> & { fileName: string; usedBy: number };

export interface ImportResult {
  guides: ImportedGuide[];
  queries: ImportedQuery[];
  skipped: Skipped[];
  warnings: ImportWarning[];
  errors: SourceError[];
}
