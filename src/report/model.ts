import type { EngineInfo, Row } from '../engine/types.js';
import type { LocalizedText, Severity } from '../guide/model.js';
import type { ChecklistState, Finding, HostFacts, Note, QueryRecord, RunRecord, Session } from '../triage/model.js';
import { DEFAULT_WINDOW_SECONDS } from '../triage/findings.js';
import { utcIso } from './text.js';

/** The statuses a report speaks of (DESIGN.md contract). Runs that never ran are `waiting` with `notRun`. */
export type ReportStatus = 'ok' | 'error' | 'timeout' | 'waiting' | 'blocked';

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

/** Rows of one run as read back from results/, or why they could not be. */
export type RunRows = { columns: string[]; rows: Row[] } | { unavailable: string };

/** One entry per run; a query that never rendered (waiting, blocked before any run) is one entry without a key. */
export interface ReportRun {
  queryId: string;
  key?: string;
  title: LocalizedText;
  label: string;
  /** Number of the first step that lists the query ("2.1"). */
  step?: string;
  /** SQL as run (or as rendered, for a run that has not run yet); absent when the query never rendered. */
  sql?: string;
  template: string;
  status: ReportStatus;
  /** Ready or in flight when the session stopped: rendered but never finished. */
  notRun: boolean;
  missing: string[];
  error?: string;
  columns: string[];
  rowCount: number;
  rows: Row[];
  rowsUnavailable?: string;
  findings: Finding[];
  nearAlert: number[];
  startedAt?: string;
  durationMs?: number;
  resultFile?: string;
  rowsSha256?: string;
  /** Total value combinations when the query's fan-out was capped. */
  combinations?: number;
}

export interface FindingItem {
  severity: Severity;
  reason: LocalizedText;
  when: string;
  queryId: string;
  key: string;
  label: string;
  rows: number;
}

export interface FindingsSummary {
  /** Distinct (run, row) pairs some flag matched. */
  flaggedRows: number;
  /** Flagged rows counted once, under the highest severity that matched them. */
  bySeverity: Record<Severity, number>;
  nearAlertRows: number;
  windowMinutes: number;
  queries: Record<ReportStatus, number>;
  /** Every finding, most severe first. */
  items: FindingItem[];
}

export interface ReportStep {
  number: string;
  depth: number;
  text: LocalizedText;
  queries: string[];
}

export interface HostFactRows {
  queryId: string;
  key: string;
  columns: string[];
  rows: Row[];
}

export interface Report {
  generatedAt: string;
  tool: { name: string; version: string };
  session: { id: string; createdAt: string; updatedAt: string };
  verdict?: NonNullable<Session['verdict']>;
  findings: FindingsSummary;
  alert: {
    id: string;
    ruleId?: string;
    ruleName?: string;
    severity?: string;
    riskScore?: number;
    host?: string;
    user?: string;
    timestamp?: string;
    mitre: { tactics: string[]; techniques: string[] };
    fields: Record<string, string[]>;
    entered: Record<string, string[]>;
    origin: string;
  };
  guide: { id: string; name: LocalizedText; source: string; file: string; sha256: string };
  engine: EngineInfo;
  host: { triage: HostFacts; queried: HostFactRows[] };
  steps: ReportStep[];
  runs: ReportRun[];
  checklist: ChecklistState[];
  notes: Note[];
  audit: { events: number; head: string };
}

const HOST_FACT_TABLES = ['system_info', 'os_version'];
const HOST_FACT_ROWS = 5;

/** The one report model every renderer reads: the session plus the rows of each run (keyed by run key). */
export function buildReport(session: Session, rows: ReadonlyMap<string, RunRows>, generatedAt: string): Report {
  const steps = flattenSteps(session.guide.snapshot.steps);
  const firstStep = new Map<string, string>();
  for (const step of steps) for (const id of step.queries) if (!firstStep.has(id)) firstStep.set(id, step.number);
  const runs = session.queries.flatMap((q) => reportRuns(q, rows, firstStep.get(q.id)));
  const snapshot = session.guide.snapshot;
  const alert = session.alert;
  return {
    generatedAt,
    tool: session.tool,
    session: { id: session.id, createdAt: session.createdAt, updatedAt: session.updatedAt },
    ...(session.verdict ? { verdict: session.verdict } : {}),
    findings: summarise(runs),
    alert: {
      id: alert.id,
      ...defined('ruleId', alert.rule.ruleId ?? snapshot.rule_id),
      ...defined('ruleName', alert.rule.ruleName ?? snapshot.name.en ?? snapshot.name['zh-CN']),
      ...defined('severity', alert.rule.severity ?? snapshot.severity),
      ...defined('riskScore', alert.rule.riskScore ?? snapshot.risk_score),
      ...defined('host', alert.host ?? alert.fields['host.name']?.[0] ?? alert.fields['host.hostname']?.[0]),
      ...defined('user', alert.fields['user.name']?.join(', ')),
      ...defined('timestamp', utcIso(alert.timestamp)),
      mitre: mitreOf(session),
      fields: alert.fields,
      entered: session.enteredFields,
      origin: alert.origin,
    },
    guide: { id: snapshot.rule_id, name: snapshot.name, source: session.guide.source, file: session.guide.file, sha256: session.guide.sha256 },
    engine: session.engine,
    host: { triage: session.host, queried: hostFactRows(session, runs) },
    steps,
    runs,
    checklist: session.checklist,
    notes: session.notes,
    audit: { events: session.audit?.events ?? 0, head: session.audit?.head ?? '' },
  };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function reportRuns(query: QueryRecord, rows: ReadonlyMap<string, RunRows>, step: string | undefined): ReportRun[] {
  const base = {
    queryId: query.id,
    title: query.title,
    template: query.template,
    ...(step !== undefined ? { step } : {}),
    ...(query.combinations !== undefined ? { combinations: query.combinations } : {}),
  };
  if (query.runs.length === 0) {
    const status: ReportStatus = query.status === 'waiting' ? 'waiting' : 'blocked';
    return [{
      ...base,
      label: '',
      status,
      notRun: false,
      missing: query.missing,
      ...(query.refusal !== undefined ? { error: query.refusal } : {}),
      columns: [],
      rowCount: 0,
      rows: [],
      findings: [],
      nearAlert: [],
    }];
  }
  return query.runs.map((run) => reportRun(base, run, rows.get(run.key)));
}

function reportRun(base: Omit<ReportRun, 'label' | 'status' | 'notRun' | 'missing' | 'columns' | 'rowCount' | 'rows' | 'findings' | 'nearAlert'>, run: RunRecord, stored: RunRows | undefined): ReportRun {
  const notRun = run.status === 'ready' || run.status === 'running';
  const status: ReportStatus = notRun ? 'waiting' : (run.status as ReportStatus);
  const loaded = stored !== undefined && 'rows' in stored ? stored : undefined;
  return {
    ...base,
    key: run.key,
    label: run.label,
    sql: run.sql,
    status,
    notRun,
    missing: [],
    ...(run.error !== undefined ? { error: run.error } : {}),
    columns: loaded?.columns.length ? loaded.columns : run.columns,
    rowCount: run.rowCount,
    rows: loaded?.rows ?? [],
    ...(stored !== undefined && 'unavailable' in stored ? { rowsUnavailable: stored.unavailable } : {}),
    findings: run.findings,
    nearAlert: run.nearAlert,
    ...(run.startedAt !== undefined && !notRun ? { startedAt: run.startedAt } : {}),
    ...(run.durationMs !== undefined && !notRun ? { durationMs: run.durationMs } : {}),
    ...(run.resultFile !== undefined ? { resultFile: run.resultFile } : {}),
    ...(run.rowsSha256 !== undefined ? { rowsSha256: run.rowsSha256 } : {}),
  };
}

export function flattenSteps(steps: Session['guide']['snapshot']['steps'], prefix = '', depth = 0): ReportStep[] {
  return steps.flatMap((step, i) => {
    const number = `${prefix}${i + 1}`;
    return [{ number, depth, text: step.text, queries: step.queries }, ...flattenSteps(step.steps, `${number}.`, depth + 1)];
  });
}

function summarise(runs: ReportRun[]): FindingsSummary {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const queries: Record<ReportStatus, number> = { ok: 0, error: 0, timeout: 0, waiting: 0, blocked: 0 };
  const items: FindingItem[] = [];
  let flaggedRows = 0;
  let nearAlertRows = 0;
  for (const run of runs) {
    queries[run.status]++;
    nearAlertRows += run.nearAlert.length;
    const marks = rowSeverities(run);
    flaggedRows += marks.size;
    for (const severity of marks.values()) bySeverity[severity]++;
    for (const f of run.findings) {
      items.push({ severity: f.severity, reason: f.reason, when: f.when, queryId: run.queryId, key: run.key ?? run.queryId, label: run.label, rows: f.rows.length });
    }
  }
  items.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return { flaggedRows, bySeverity, nearAlertRows, windowMinutes: DEFAULT_WINDOW_SECONDS / 60, queries, items };
}

/** Row index -> the highest severity of the flags that matched it. */
export function rowSeverities(run: Pick<ReportRun, 'findings'>): Map<number, Severity> {
  const marks = new Map<number, Severity>();
  for (const f of run.findings) {
    for (const row of f.rows) {
      const had = marks.get(row);
      if (had === undefined || SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(had)) marks.set(row, f.severity);
    }
  }
  return marks;
}

/**
 * Which rows a truncated table shows: flagged and near-alert rows first (so nothing suspicious hides past the cut),
 * then the first rows, up to `limit`, in their original order.
 */
export function rowsToShow(run: Pick<ReportRun, 'findings' | 'nearAlert' | 'rows'>, limit: number): number[] {
  const total = run.rows.length;
  if (total <= limit) return run.rows.map((_, i) => i);
  const chosen = new Set<number>();
  const marked = [...rowSeverities(run).keys(), ...run.nearAlert].filter((i) => i >= 0 && i < total).sort((a, b) => a - b);
  for (const i of marked) {
    if (chosen.size >= limit) break;
    chosen.add(i);
  }
  for (let i = 0; i < total && chosen.size < limit; i++) chosen.add(i);
  return [...chosen].sort((a, b) => a - b);
}

function hostFactRows(session: Session, runs: ReportRun[]): HostFactRows[] {
  const tablesOf = new Map(session.queries.map((q) => [q.id, q.tables]));
  return runs
    .filter((r) => r.status === 'ok' && r.key !== undefined && r.rows.length > 0 && (tablesOf.get(r.queryId) ?? []).some((t) => HOST_FACT_TABLES.includes(t)))
    .map((r) => ({ queryId: r.queryId, key: r.key as string, columns: r.columns, rows: r.rows.slice(0, HOST_FACT_ROWS) }));
}

function mitreOf(session: Session): { tactics: string[]; techniques: string[] } {
  const tactics = new Set(session.guide.snapshot.mitre.tactics);
  const techniques = new Set(session.guide.snapshot.mitre.techniques);
  for (const [key, values] of Object.entries(session.alert.fields)) {
    if (/(^|\.)threat\.tactic\.id$/.test(key)) values.forEach((v) => tactics.add(v));
    if (/(^|\.)threat\.technique(\.subtechnique)?\.id$/.test(key)) values.forEach((v) => techniques.add(v));
  }
  return { tactics: [...tactics], techniques: [...techniques] };
}
