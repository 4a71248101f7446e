import { type Language } from '../guide/model.js';
import { localize } from '../guide/localize.js';
import { rowSeverities, rowsToShow, type Report, type ReportRun } from './model.js';
import { mdCell, mdCode, mdFence, mdTable, mdText } from './markdown-text.js';
import { cellText, LIMITS, queryCountsLine, runFacts, runHeading, runsByStep, severityCountsLine, verdictLine } from './present.js';
import { reportStrings, type ReportStrings } from './strings.js';

/** report.md: verdict and findings first, then alert, engine, host facts, steps with their queries, checklist, notes. */
export function renderMarkdown(report: Report, lang: Language): string {
  const t = reportStrings(lang);
  const out: string[] = [];
  const name = report.alert.ruleName ?? localize(report.guide.name, lang);
  out.push(`# ${mdText(t.title)}: ${mdText(name)}`, '');
  out.push(...verdictSection(report, t), '');
  out.push(...findingsSection(report, t, lang), '');
  out.push(...alertSection(report, t, lang), '');
  out.push(`## ${mdText(t.engine)}`, '', `${mdText(report.engine.name)} ${mdText(t.version)} ${mdText(report.engine.version)}`, '');
  out.push(...hostSection(report, t), '');
  out.push(...stepsSection(report, t, lang));
  out.push(...checklistSection(report, t, lang), '');
  out.push(...notesSection(report, t), '');
  out.push(...evidenceSection(report, t));
  return `${out.join('\n')}\n`;
}

function verdictSection(report: Report, t: ReportStrings): string[] {
  const v = verdictLine(report, t);
  const lines = [`**${mdText(t.verdict)}:** ${mdText(v.value)}${v.at ? ` (${mdText(v.at)})` : ''}`];
  if (v.reason) lines.push('', `> ${mdText(v.reason)}`);
  return lines;
}

function findingsSection(report: Report, t: ReportStrings, lang: Language): string[] {
  const f = report.findings;
  const severities = severityCountsLine(report, t);
  const lines = [`## ${mdText(t.findingsSummary)}`, ''];
  lines.push(`- ${mdText(t.flaggedRows(f.flaggedRows))}${severities ? `: ${mdText(severities)}` : ''}`);
  lines.push(`- ${mdText(t.nearAlertRows(f.nearAlertRows, f.windowMinutes))}`);
  lines.push(`- ${mdText(t.queryCounts)}: ${mdText(queryCountsLine(report, t))}`);
  lines.push('');
  if (f.items.length === 0) {
    lines.push(mdText(t.noFindings));
    return lines;
  }
  lines.push(
    mdTable(
      [t.severity, t.reason, t.query, t.rows].map(mdText),
      f.items.map((i) => [
        `**${mdText(t.severities[i.severity])}**`,
        mdText(localize(i.reason, lang)),
        `${mdCode(i.queryId)}${i.label ? ` ${mdText(i.label)}` : ''}`,
        String(i.rows),
      ]),
    ),
  );
  return lines;
}

function alertSection(report: Report, t: ReportStrings, lang: Language): string[] {
  const a = report.alert;
  const mitre = [...a.mitre.tactics, ...a.mitre.techniques].join(' ');
  const rows: [string, string | undefined][] = [
    [t.rule, a.ruleName],
    [t.ruleId, a.ruleId],
    [t.severity, a.severity],
    [t.riskScore, a.riskScore?.toString()],
    [t.host, a.host],
    [t.user, a.user],
    [t.time, a.timestamp],
    [t.mitre, mitre || undefined],
    [t.alertId, a.id],
    [t.alertOrigin, a.origin],
  ];
  const lines = [`## ${mdText(t.alert)}`, '', mdTable(['', ''], rows.map(([k, v]) => [`**${mdText(k)}**`, mdText(v ?? t.none)]))];
  const entered = Object.entries(a.entered);
  if (entered.length > 0) {
    lines.push('', `**${mdText(t.valuesEntered)}:**`, '');
    for (const [field, values] of entered) lines.push(`- ${mdCode(field)}: ${values.map(mdText).join(', ')}`);
  }
  lines.push('', `${mdText(t.guide)}: ${mdText(localize(report.guide.name, lang))} (${mdCode(report.guide.id)}), ${mdText(t.guideSource)}: ${mdText(report.guide.source)}, sha256 ${mdCode(report.guide.sha256)}`);
  return lines;
}

function hostSection(report: Report, t: ReportStrings): string[] {
  const lines = [`## ${mdText(t.hostFacts)}`, ''];
  const h = report.host.triage;
  if (report.host.queried.length > 0) {
    for (const q of report.host.queried) {
      lines.push(`${mdText(t.hostFactsQueried(q.queryId))}:`, '');
      lines.push(mdTable(q.columns.map(mdText), q.rows.map((r) => q.columns.map((c) => mdCell(cellText(c, r[c]), LIMITS.md.cell, t.cellCut)))), '');
    }
    lines.push(`${mdText(t.ranBy)}: ${mdText(`${h.user}@${h.hostname}`)}`);
    return lines;
  }
  lines.push(`${mdText(t.hostFactsSession)}:`, '');
  lines.push(mdTable(['', ''], [
    [mdText(t.hostname), mdText(h.hostname)],
    [mdText(t.platform), mdText(h.platform)],
    [mdText(t.release), mdText(h.release)],
    [mdText(t.arch), mdText(h.arch)],
    [mdText(t.ranBy), mdText(h.user)],
  ]));
  return lines;
}

function stepsSection(report: Report, t: ReportStrings, lang: Language): string[] {
  const lines = [`## ${mdText(t.steps)}`, ''];
  const { stepRuns, others } = runsByStep(report);
  const shown = new Map<string, string>();
  for (const step of report.steps) {
    const level = '#'.repeat(Math.min(3 + step.depth, 6));
    lines.push(`${level} ${mdText(`${t.step} ${step.number}.`)} ${mdText(localize(step.text, lang))}`, '');
    for (const id of step.queries) {
      const seen = shown.get(id);
      if (seen !== undefined) {
        lines.push(`- ${mdCode(id)}: ${mdText(t.seeStep(seen))}`, '');
        continue;
      }
      shown.set(id, step.number);
      lines.push(...queryRuns(stepRuns.get(id) ?? [], t, lang));
    }
  }
  if (others.length > 0) {
    lines.push(`### ${mdText(t.otherQueries)}`, '');
    for (const run of others) lines.push(...runSection(run, t, lang), '');
  }
  return lines;
}

function queryRuns(runs: ReportRun[], t: ReportStrings, lang: Language): string[] {
  const lines: string[] = [];
  const combinations = runs[0]?.combinations;
  if (combinations !== undefined) lines.push(mdText(t.fanOutCapped(runs.length, combinations)), '');
  for (const run of runs) lines.push(...runSection(run, t, lang), '');
  return lines;
}

function runSection(run: ReportRun, t: ReportStrings, lang: Language): string[] {
  const lines = [`**${mdText(runHeading(run, lang))}** ${mdCode(run.key ?? run.queryId)}`, ''];
  lines.push(runFacts(run, t).map(mdText).join(' · '), '');
  if (run.notRun) lines.push(`> ${mdText(t.notRun)}`, '');
  if (run.missing.length > 0) lines.push(`> ${mdText(t.waitingFor)}: ${run.missing.map(mdCode).join(', ')}`, '');
  if (run.error !== undefined) lines.push(`> **${mdText(t.error)}:** ${mdText(run.error)}`, '');
  for (const f of run.findings) {
    lines.push(`- **${mdText(t.severities[f.severity])}** — ${mdText(localize(f.reason, lang))} (${f.rows.length})`);
  }
  if (run.findings.length > 0) lines.push('');
  const sql = run.sql ?? run.template;
  if (sql !== '') lines.push(run.sql !== undefined ? `${mdText(t.sqlAsRun)}:` : `${mdText(t.sqlTemplate)}:`, '', mdFence(sql, 'sql'), '');
  if (run.rowsUnavailable !== undefined) lines.push(`> ${mdText(t.rowsUnavailable)}: ${mdText(run.rowsUnavailable)}`, '');
  if (run.rows.length > 0) lines.push(...rowsTable(run, t));
  return lines;
}

function rowsTable(run: ReportRun, t: ReportStrings): string[] {
  const marks = rowSeverities(run);
  const near = new Set(run.nearAlert);
  const picked = rowsToShow(run, LIMITS.md.rows);
  const header = [t.rowNumber, t.flags, ...run.columns].map(mdText);
  const body = picked.map((i) => {
    const row = run.rows[i] ?? {};
    const severity = marks.get(i);
    const flags = [severity ? `**${mdText(t.severities[severity])}**` : '', near.has(i) ? mdText(t.nearAlert) : ''].filter((s) => s !== '').join(' · ');
    return [String(i + 1), flags, ...run.columns.map((c) => mdCell(cellText(c, row[c]), LIMITS.md.cell, t.cellCut))];
  });
  const lines = [mdTable(header, body), ''];
  const note = [
    picked.length < run.rows.length ? mdText(t.shownRows(picked.length, run.rows.length)) : '',
    run.resultFile !== undefined ? `${mdText(t.fullRows)}: ${mdCode(run.resultFile)}` : '',
  ].filter((s) => s !== '');
  if (note.length > 0) lines.push(`*${note.join(' ')}*`, '');
  return lines;
}

function checklistSection(report: Report, t: ReportStrings, lang: Language): string[] {
  const lines = [`## ${mdText(t.checklist)}`, ''];
  if (report.checklist.length === 0) return [...lines, mdText(t.none)];
  for (const item of report.checklist) {
    lines.push(`- [${item.checked ? 'x' : ' '}] ${mdText(localize(item.text, lang))}${item.checked && item.at ? ` (${mdText(item.at)})` : ''}`);
  }
  return lines;
}

function notesSection(report: Report, t: ReportStrings): string[] {
  const lines = [`## ${mdText(t.notes)}`, ''];
  if (report.notes.length === 0) return [...lines, mdText(t.noNotes)];
  for (const note of report.notes) lines.push(`- ${mdText(note.at)} ${mdCode(note.target)}: ${mdText(note.text)}`);
  return lines;
}

function evidenceSection(report: Report, t: ReportStrings): string[] {
  return [
    `## ${mdText(t.evidence)}`,
    '',
    `- ${mdText(t.auditHead)}: ${mdCode(report.audit.head)}`,
    `- ${mdText(t.auditEvents)}: ${report.audit.events}`,
    `- ${mdText(t.sessionId)}: ${mdCode(report.session.id)}`,
    `- ${mdText(t.sessionStarted)}: ${mdText(report.session.createdAt)}`,
    `- ${mdText(t.generatedAt)}: ${mdText(report.generatedAt)}`,
    `- ${mdText(t.tool)}: ${mdText(`${report.tool.name} ${report.tool.version}`)}`,
    '',
    `*${mdText(t.legend)}*`,
  ];
}
