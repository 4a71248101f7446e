import type { Row } from '../engine/types.js';
import { type Language, type Step } from '../guide/model.js';
import { localize } from '../guide/localize.js';
import { terminalSafe } from '../report/terminal-text.js';
import { displayWidth, padToWidth, truncateToWidth } from '../report/terminal-width.js';
import type { QueryRecord, RunRecord, Session } from '../triage/model.js';
import { cliStrings } from './strings.js';

const PREVIEW_ROWS = 5;
const MAX_CELL = 40;

const GLYPH: Record<QueryRecord['status'], string> = {
  waiting: '…',
  ready: '○',
  running: '◌',
  ok: '✓',
  error: '✗',
  timeout: '⧗',
  blocked: '⊘',
};

/** The alert summary printed before anything runs. Every value from the alert is made terminal-safe. */
export function formatHeader(session: Session, dir: string, engineWhy: string): string {
  const t = cliStrings(session.lang);
  const g = session.guide.snapshot;
  const a = session.alert;
  const safe = (s: string | undefined): string => terminalSafe(s ?? '-');
  const mitre = [...g.mitre.tactics, ...g.mitre.techniques].join(' ');
  const user = a.fields['user.name']?.join(', ');
  return [
    `${safe(localize(g.name, session.lang))}  [${g.severity}, ${t.risk} ${g.risk_score}]`,
    `  ${t.alert.padEnd(9)} ${safe(a.id)}  ${safe(a.timestamp)}`,
    `  ${t.host.padEnd(9)} ${safe(a.host)}   ${t.user} ${safe(user)}`,
    `  ${t.rule.padEnd(9)} ${safe(g.rule_id)}  ${mitre}`,
    `  ${t.guide.padEnd(9)} ${safe(session.guide.source)}  ${safe(session.guide.file)}`,
    `  ${t.engine.padEnd(9)} ${safe(session.engine.name)} ${safe(session.engine.version)}  (${safe(engineWhy)})`,
    `  ${t.out.padEnd(9)} ${safe(dir)}`,
    '',
  ].join('\n');
}

/** Every step of the guide with its queries' outcomes and the first rows of each result. */
export function formatSteps(session: Session, rows: ReadonlyMap<string, { columns: string[]; rows: Row[] }>, width: number): string {
  const lang = session.lang;
  const t = cliStrings(lang);
  const printed = new Set<string>();
  const out: string[] = [];
  const walk = (steps: Step[], prefix: string): void => {
    steps.forEach((step, i) => {
      const number = `${prefix}${i + 1}`;
      out.push(`${t.step} ${number}. ${terminalSafe(localize(step.text, lang))}`);
      for (const id of step.queries) {
        const query = session.queries.find((q) => q.id === id);
        if (!query) continue;
        if (printed.has(id)) {
          out.push(`  ${GLYPH[query.status]} ${terminalSafe(localize(query.title, lang))} (${t.seeAbove})`);
          continue;
        }
        printed.add(id);
        out.push(...formatQuery(query, rows, lang, width));
      }
      walk(step.steps, `${number}.`);
    });
  };
  walk(session.guide.snapshot.steps, '');
  const g = session.guide.snapshot;
  if (g.false_positives.length > 0) {
    out.push('', t.falsePositives);
    for (const fp of g.false_positives) out.push(`  - ${terminalSafe(localize(fp, lang))}`);
  }
  if (session.checklist.length > 0) {
    out.push('', t.response);
    for (const item of session.checklist) out.push(`  [${item.checked ? 'x' : ' '}] ${terminalSafe(localize(item.text, lang))}`);
  }
  return `${out.join('\n')}\n`;
}

function formatQuery(query: QueryRecord, rows: ReadonlyMap<string, { columns: string[]; rows: Row[] }>, lang: Language, width: number): string[] {
  const t = cliStrings(lang);
  const title = terminalSafe(localize(query.title, lang));
  const lines: string[] = [];
  if (query.status === 'waiting') {
    const sets = query.missing.map((f) => `--set ${f}=VALUE`).join(' ');
    lines.push(`  ${GLYPH.waiting} ${title}  [${query.id}]  ${t.waitingFor} ${query.missing.join(', ')} (${t.giveWith} ${sets})`);
    return lines;
  }
  if (query.runs.length === 0) {
    lines.push(`  ${GLYPH[query.status]} ${title}  [${query.id}]  ${query.status}: ${terminalSafe(query.refusal ?? '')}`);
    return lines;
  }
  lines.push(`  ${title}  [${query.id}]`);
  if (query.combinations !== undefined) lines.push(`    ${t.fanOutCapped(query.runs.length, query.combinations)}`);
  for (const run of query.runs) lines.push(...formatRun(run, rows.get(run.key), lang, width));
  return lines;
}

function formatRun(run: RunRecord, result: { columns: string[]; rows: Row[] } | undefined, lang: Language, width: number): string[] {
  const t = cliStrings(lang);
  const flagged = new Set(run.findings.flatMap((f) => f.rows));
  const label = run.label ? ` ${terminalSafe(run.label)}` : '';
  const facts = [
    run.status,
    run.durationMs !== undefined ? `${run.durationMs} ms` : undefined,
    run.status === 'ok' ? `${run.rowCount} ${t.rows}` : undefined,
    flagged.size > 0 ? `${flagged.size} ${t.flagged}` : undefined,
    run.nearAlert.length > 0 ? `${run.nearAlert.length} ${t.nearAlert}` : undefined,
  ].filter((x) => x !== undefined);
  const lines = [`    ${GLYPH[run.status]}${label}  ${facts.join(', ')}`];
  if (run.error) lines.push(`      ${terminalSafe(run.error)}`);
  for (const finding of run.findings) {
    lines.push(`      ! ${finding.severity}: ${terminalSafe(localize(finding.reason, lang))} (${finding.rows.length})`);
  }
  if (result && result.rows.length > 0) {
    lines.push(...formatTable(result.columns, result.rows.slice(0, PREVIEW_ROWS), flagged, width - 6).map((l) => `      ${l}`));
    if (result.rows.length > PREVIEW_ROWS) lines.push(`      ${t.moreRows(result.rows.length - PREVIEW_ROWS)} ${run.resultFile ?? ''}`);
  }
  return lines;
}

/** A plain table: columns sized to their content (capped), as many as fit the width, flagged rows marked with "!". */
export function formatTable(columns: string[], rows: Row[], flagged: ReadonlySet<number>, width: number): string[] {
  const cells = rows.map((row) => columns.map((c) => terminalSafe(row[c] ?? '')));
  const widths = columns.map((c, i) => Math.min(MAX_CELL, Math.max(displayWidth(terminalSafe(c)), ...cells.map((r) => displayWidth(r[i] ?? '')))));
  const shown: number[] = [];
  let used = 2;
  for (let i = 0; i < columns.length; i++) {
    const w = (widths[i] ?? 0) + 2;
    if (used + w > width && shown.length > 0) break;
    shown.push(i);
    used += w;
  }
  const line = (values: string[], mark: string): string =>
    truncateToWidth(`${mark} ${shown.map((i) => padToWidth(values[i] ?? '', widths[i] ?? 0)).join('  ')}`.trimEnd(), Math.max(width, 20));
  const header = line(columns.map((c) => terminalSafe(c)), ' ');
  const rule = line(columns.map((_, i) => '─'.repeat(widths[i] ?? 0)), ' ');
  return [header, rule, ...cells.map((r, i) => line(r, flagged.has(i) ? '!' : ' '))];
}

export function summaryLine(session: Session): string {
  const t = cliStrings(session.lang);
  const runs = session.queries.flatMap((q) => q.runs);
  const total = session.queries.reduce((n, q) => n + Math.max(1, q.runs.length), 0);
  const ok = runs.filter((r) => r.status === 'ok').length;
  const flagged = runs.reduce((n, r) => n + new Set(r.findings.flatMap((f) => f.rows)).size, 0);
  return t.summaryLine(ok, total, flagged);
}
