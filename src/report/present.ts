import { type Language } from '../guide/model.js';
import { localize } from '../guide/localize.js';
import { TIME_COLUMNS } from '../triage/findings.js';
import type { Report, ReportRun } from './model.js';
import type { ReportStrings } from './strings.js';
import { epochIso } from './text.js';

/** How much of a result the human reports show; the full rows stay in results/ and report.json. */
export const LIMITS = {
  md: { rows: 50, cell: 200 },
  html: { rows: 200, cell: 2000 },
} as const;

/** A cell as a reader wants it: osquery's epoch-seconds time columns gain their UTC ISO 8601 form. */
export function cellText(column: string, value: string | undefined): string {
  const text = value ?? '';
  if (!TIME_COLUMNS.includes(column)) return text;
  const iso = epochIso(text);
  return iso === undefined ? text : `${text} (${iso})`;
}

export function runHeading(run: ReportRun, lang: Language): string {
  const title = localize(run.title, lang);
  return run.label !== '' ? `${title} — ${run.label}` : title;
}

/** Status, duration, start and row count in one line of facts. */
export function runFacts(run: ReportRun, t: ReportStrings): string[] {
  const facts = [`${t.status}: ${t.statuses[run.status]}`];
  if (run.startedAt !== undefined) facts.push(`${t.started}: ${run.startedAt}`);
  if (run.durationMs !== undefined) facts.push(`${t.duration}: ${run.durationMs} ms`);
  if (run.status === 'ok') facts.push(`${t.rowCount}: ${run.rowCount}`);
  return facts;
}

export function verdictLine(report: Report, t: ReportStrings): { value: string; reason?: string; at?: string } {
  if (!report.verdict) return { value: t.verdictNotSet };
  return { value: t.verdicts[report.verdict.value], reason: report.verdict.reason, at: report.verdict.at };
}

export function queryCountsLine(report: Report, t: ReportStrings): string {
  const q = report.findings.queries;
  return (Object.keys(q) as (keyof typeof q)[])
    .filter((s) => q[s] > 0)
    .map((s) => `${t.statuses[s]} ${q[s]}`)
    .join(', ');
}

export function severityCountsLine(report: Report, t: ReportStrings): string {
  const s = report.findings.bySeverity;
  return (['critical', 'high', 'medium', 'low'] as const).filter((k) => s[k] > 0).map((k) => `${t.severities[k]} ${s[k]}`).join(', ');
}

/** Queries in the order the report walks them: by step, each query once; queries no step lists come last. */
export function runsByStep(report: Report): { stepRuns: Map<string, ReportRun[]>; others: ReportRun[] } {
  const stepRuns = new Map<string, ReportRun[]>();
  for (const run of report.runs) {
    const list = stepRuns.get(run.queryId) ?? [];
    list.push(run);
    stepRuns.set(run.queryId, list);
  }
  const listed = new Set(report.steps.flatMap((s) => s.queries));
  const others = report.runs.filter((r) => !listed.has(r.queryId));
  return { stepRuns, others };
}
