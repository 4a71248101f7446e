import { randomUUID } from 'node:crypto';
import type { Row } from '../engine/types.js';
import { type Language, type LocalizedText, type Severity } from '../guide/model.js';
import { localize } from '../guide/localize.js';
import type { Report, ReportStatus } from './model.js';

export const REPORT_FORMAT = 'osq-triage-report/1';

/** report.json: the DESIGN.md contract (snake_case), plus findings, host facts, audit head and tool version. */
export interface ReportJson {
  format: typeof REPORT_FORMAT;
  generated_at: string;
  lang: Language;
  tool: { name: string; version: string };
  session: { id: string; created_at: string; updated_at: string };
  verdict: { value: string; reason: string; at: string } | null;
  findings_summary: {
    flagged_rows: number;
    by_severity: Record<Severity, number>;
    near_alert_rows: number;
    near_alert_window_minutes: number;
    queries: Record<ReportStatus, number>;
    items: { severity: Severity; reason: string; when: string; query: string; run: string; label: string; rows: number }[];
  };
  alert: {
    id: string;
    rule_id: string | null;
    rule_name: string | null;
    severity: string | null;
    risk_score: number | null;
    host: string | null;
    user: string | null;
    timestamp: string | null;
    mitre: { tactics: string[]; techniques: string[] };
    fields: Record<string, string[]>;
    entered_fields: Record<string, string[]>;
    origin: string;
  };
  guide: { id: string; name: string; source: string; file: string; sha256: string };
  engine: { name: string; version: string };
  host: {
    hostname: string;
    platform: string;
    release: string;
    arch: string;
    user: string;
    /** system_info / os_version rows when the session queried them. */
    queried: { query: string; run: string; columns: string[]; rows: Row[] }[];
  };
  steps: { number: string; text: string; queries: string[] }[];
  queries: ReportJsonQuery[];
  checklist: { id: string; text: string; checked: boolean; at: string | null }[];
  notes: { target: string; text: string; at: string }[];
  audit: { events: number; head: string };
}

export interface ReportJsonQuery {
  id: string;
  /** `<query id>#<n>`, or null for a query that never rendered (waiting for a value, or blocked). */
  run: string | null;
  step: string | null;
  title: string;
  label: string;
  /** SQL as run (or as rendered, for a run that never started); "" when the query never rendered (see `template`). */
  sql: string;
  template: string;
  status: ReportStatus;
  not_run: boolean;
  missing: string[];
  row_count: number;
  columns: string[];
  rows: Row[];
  /** Row indexes are 0-based positions in `rows`. */
  findings: { severity: Severity; reason: string; reason_i18n: LocalizedText; when: string; rows: number[] }[];
  near_alert: number[];
  error: string | null;
  started_at: string | null;
  duration_ms: number | null;
  result_file: string | null;
  rows_sha256: string | null;
}

export function toReportJson(report: Report, lang: Language): ReportJson {
  const a = report.alert;
  return {
    format: REPORT_FORMAT,
    generated_at: report.generatedAt,
    lang,
    tool: report.tool,
    session: { id: report.session.id, created_at: report.session.createdAt, updated_at: report.session.updatedAt },
    verdict: report.verdict ? { value: report.verdict.value, reason: report.verdict.reason, at: report.verdict.at } : null,
    findings_summary: {
      flagged_rows: report.findings.flaggedRows,
      by_severity: report.findings.bySeverity,
      near_alert_rows: report.findings.nearAlertRows,
      near_alert_window_minutes: report.findings.windowMinutes,
      queries: report.findings.queries,
      items: report.findings.items.map((f) => ({
        severity: f.severity,
        reason: localize(f.reason, lang),
        when: f.when,
        query: f.queryId,
        run: f.key,
        label: f.label,
        rows: f.rows,
      })),
    },
    alert: {
      id: a.id,
      rule_id: a.ruleId ?? null,
      rule_name: a.ruleName ?? null,
      severity: a.severity ?? null,
      risk_score: a.riskScore ?? null,
      host: a.host ?? null,
      user: a.user ?? null,
      timestamp: a.timestamp ?? null,
      mitre: a.mitre,
      fields: a.fields,
      entered_fields: a.entered,
      origin: a.origin,
    },
    guide: { id: report.guide.id, name: localize(report.guide.name, lang), source: report.guide.source, file: report.guide.file, sha256: report.guide.sha256 },
    engine: { name: report.engine.name, version: report.engine.version },
    host: {
      ...report.host.triage,
      queried: report.host.queried.map((h) => ({ query: h.queryId, run: h.key, columns: h.columns, rows: h.rows })),
    },
    steps: report.steps.map((s) => ({ number: s.number, text: localize(s.text, lang), queries: s.queries })),
    queries: report.runs.map((r) => ({
      id: r.queryId,
      run: r.key ?? null,
      step: r.step ?? null,
      title: localize(r.title, lang),
      label: r.label,
      sql: r.sql ?? '',
      template: r.template,
      status: r.status,
      not_run: r.notRun,
      missing: r.missing,
      row_count: r.rowCount,
      columns: r.columns,
      rows: r.rows,
      findings: r.findings.map((f) => ({ severity: f.severity, reason: localize(f.reason, lang), reason_i18n: f.reason, when: f.when, rows: f.rows })),
      near_alert: r.nearAlert,
      error: r.error ?? r.rowsUnavailable ?? null,
      started_at: r.startedAt ?? null,
      duration_ms: r.durationMs ?? null,
      result_file: r.resultFile ?? null,
      rows_sha256: r.rowsSha256 ?? null,
    })),
    checklist: report.checklist.map((c) => ({ id: c.id, text: localize(c.text, lang), checked: c.checked, at: c.at ?? null })),
    notes: report.notes.map((n) => ({ target: n.target, text: n.text, at: n.at })),
    audit: report.audit,
  };
}

/**
 * The report.json file text: indented for reading, except that each result row takes one line (a 100k-row result
 * stays close to the size of its results/ file). Rows are spliced in at placeholders no collected value can forge.
 */
export function renderJson(report: Report, lang: Language): string {
  const json = toReportJson(report, lang);
  const token = `rows-${randomUUID()}`;
  const skeleton = { ...json, queries: json.queries.map((q, i) => ({ ...q, rows: `${token}-${i}` })) };
  const text = JSON.stringify(skeleton, null, 1).replace(new RegExp(`"${token}-(\\d+)"`, 'g'), (_, i: string) => rowsText(json.queries[Number(i)]?.rows ?? []));
  return `${text}\n`;
}

function rowsText(rows: Row[]): string {
  if (rows.length === 0) return '[]';
  return `[\n   ${rows.map((r) => JSON.stringify(r)).join(',\n   ')}\n  ]`;
}
