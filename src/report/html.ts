import { type Language } from '../guide/model.js';
import { localize } from '../guide/localize.js';
import { REPORT_CSS } from './html-style.js';
import { escapeHtml, htmlCell, htmlText, styleHash, token } from './html-text.js';
import { rowSeverities, rowsToShow, type Report, type ReportRun } from './model.js';
import { cellText, LIMITS, queryCountsLine, runFacts, runHeading, runsByStep, severityCountsLine, verdictLine } from './present.js';
import { reportStrings, type ReportStrings } from './strings.js';

/**
 * report.html: one self-contained file (no external assets), readable without script, printable. Every collected
 * value is escaped; the CSP allows the one inline stylesheet (by hash) and nothing else, so even a missed escape
 * could not run script or load anything.
 */
export function renderHtml(report: Report, lang: Language): string {
  const t = reportStrings(lang);
  const name = report.alert.ruleName ?? localize(report.guide.name, lang);
  const csp = `default-src 'none'; style-src ${styleHash(REPORT_CSS)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const body = [
    `<header><h1>${escapeHtml(t.title)}: ${htmlText(name)}</h1>`,
    verdictBlock(report, t),
    '</header>',
    findingsSection(report, t, lang),
    alertSection(report, t, lang),
    `<section id="engine"><h2>${escapeHtml(t.engine)}</h2><p>${htmlText(report.engine.name)} ${escapeHtml(t.version)} ${htmlText(report.engine.version)}</p></section>`,
    hostSection(report, t),
    stepsSection(report, t, lang),
    checklistSection(report, t, lang),
    notesSection(report, t),
    evidenceSection(report, t),
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh-CN' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    // Our own constant (single quotes and base64 only): safe inside the double-quoted attribute as is.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(`${report.tool.name} ${report.tool.version}`)}">`,
    `<title>${escapeHtml(t.title)}: ${htmlText(name)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function verdictBlock(report: Report, t: ReportStrings): string {
  const v = verdictLine(report, t);
  const kind = report.verdict ? token(report.verdict.value) : 'none';
  const at = v.at ? ` <span class="muted">(${htmlText(v.at)})</span>` : '';
  const reason = v.reason ? `<br><span class="pre">${htmlText(v.reason, true)}</span>` : '';
  return `<p class="verdict v-${kind}"><strong>${escapeHtml(t.verdict)}:</strong> ${escapeHtml(v.value)}${at}${reason}</p>`;
}

function findingsSection(report: Report, t: ReportStrings, lang: Language): string {
  const f = report.findings;
  const severities = severityCountsLine(report, t);
  const list = [
    `<li>${escapeHtml(t.flaggedRows(f.flaggedRows))}${severities ? `: ${escapeHtml(severities)}` : ''}</li>`,
    `<li>${escapeHtml(t.nearAlertRows(f.nearAlertRows, f.windowMinutes))}</li>`,
    `<li>${escapeHtml(t.queryCounts)}: ${escapeHtml(queryCountsLine(report, t))}</li>`,
  ].join('');
  const table = f.items.length === 0
    ? `<p>${escapeHtml(t.noFindings)}</p>`
    : table4(
        [t.severity, t.reason, t.query, t.rows],
        f.items.map((i) => [
          badge(i.severity, t.severities[i.severity]),
          htmlText(localize(i.reason, lang)),
          `<a href="#${anchor(i.key)}"><code>${htmlText(i.queryId)}</code></a>${i.label ? ` ${htmlText(i.label)}` : ''}`,
          String(i.rows),
        ]),
      );
  return `<section id="findings"><h2>${escapeHtml(t.findingsSummary)}</h2><ul>${list}</ul>${table}</section>`;
}

function table4(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  return `<table><colgroup><col class="flag"><col><col><col class="num"></colgroup><thead>${head}</thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function badge(severity: string, text: string): string {
  return `<span class="badge sev-${token(severity)}">${escapeHtml(text)}</span>`;
}

/** An id attribute value from a run key (`query-id#2`): only safe characters survive. */
function anchor(key: string): string {
  return `run-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function kvTable(rows: [string, string][]): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function alertSection(report: Report, t: ReportStrings, lang: Language): string {
  const a = report.alert;
  const value = (v: string | undefined): string => (v === undefined || v === '' ? escapeHtml(t.none) : htmlText(v));
  const mitre = [...a.mitre.tactics, ...a.mitre.techniques].join(' ');
  const rows: [string, string][] = [
    [t.rule, value(a.ruleName)],
    [t.ruleId, value(a.ruleId)],
    [t.severity, value(a.severity)],
    [t.riskScore, value(a.riskScore?.toString())],
    [t.host, value(a.host)],
    [t.user, value(a.user)],
    [t.time, value(a.timestamp)],
    [t.mitre, value(mitre)],
    [t.alertId, value(a.id)],
    [t.alertOrigin, value(a.origin)],
    [t.guide, `${htmlText(localize(report.guide.name, lang))} (<code>${htmlText(report.guide.id)}</code>), ${escapeHtml(t.guideSource)}: ${htmlText(report.guide.source)}, sha256 <code>${htmlText(report.guide.sha256)}</code>`],
  ];
  const entered = Object.entries(a.entered);
  if (entered.length > 0) {
    rows.push([t.valuesEntered, entered.map(([f, vs]) => `<code>${htmlText(f)}</code>: ${vs.map((v) => htmlText(v)).join(', ')}`).join('<br>')]);
  }
  return `<section id="alert"><h2>${escapeHtml(t.alert)}</h2>${kvTable(rows)}</section>`;
}

function hostSection(report: Report, t: ReportStrings): string {
  const h = report.host.triage;
  const parts = [`<section id="host"><h2>${escapeHtml(t.hostFacts)}</h2>`];
  if (report.host.queried.length > 0) {
    for (const q of report.host.queried) {
      parts.push(`<p class="muted">${escapeHtml(t.hostFactsQueried(q.queryId))}</p>`);
      const rows: [string, string][] = q.rows.length === 1
        ? q.columns.map((c) => [c, htmlCell(cellText(c, q.rows[0]?.[c]), LIMITS.html.cell, t.cellCut)])
        : q.rows.map((r, i) => [String(i + 1), q.columns.map((c) => `${htmlText(c)}=${htmlCell(cellText(c, r[c]), LIMITS.html.cell, t.cellCut)}`).join(' ')]);
      parts.push(`<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th>${htmlText(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>`);
    }
    parts.push(`<p class="muted">${escapeHtml(t.ranBy)}: ${htmlText(`${h.user}@${h.hostname}`)}</p>`);
  } else {
    parts.push(`<p class="muted">${escapeHtml(t.hostFactsSession)}</p>`);
    parts.push(kvTable([
      [t.hostname, htmlText(h.hostname)],
      [t.platform, htmlText(h.platform)],
      [t.release, htmlText(h.release)],
      [t.arch, htmlText(h.arch)],
      [t.ranBy, htmlText(h.user)],
    ]));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function stepsSection(report: Report, t: ReportStrings, lang: Language): string {
  const parts = [`<section id="steps"><h2>${escapeHtml(t.steps)}</h2>`];
  const { stepRuns, others } = runsByStep(report);
  const shown = new Map<string, string>();
  for (const step of report.steps) {
    const level = Math.min(3 + step.depth, 6);
    parts.push(`<h${level}>${escapeHtml(`${t.step} ${step.number}.`)} ${htmlText(localize(step.text, lang))}</h${level}>`);
    for (const id of step.queries) {
      const seen = shown.get(id);
      if (seen !== undefined) {
        parts.push(`<p class="muted"><code>${htmlText(id)}</code>: ${escapeHtml(t.seeStep(seen))}</p>`);
        continue;
      }
      shown.set(id, step.number);
      parts.push(queryRuns(stepRuns.get(id) ?? [], t, lang));
    }
  }
  if (others.length > 0) parts.push(`<h3>${escapeHtml(t.otherQueries)}</h3>`, queryRuns(others, t, lang));
  parts.push('</section>');
  return parts.join('\n');
}

function queryRuns(runs: ReportRun[], t: ReportStrings, lang: Language): string {
  const combinations = runs[0]?.combinations;
  const capped = combinations !== undefined ? `<p class="muted">${escapeHtml(t.fanOutCapped(runs.length, combinations))}</p>` : '';
  return capped + runs.map((run) => runBlock(run, t, lang)).join('\n');
}

function runBlock(run: ReportRun, t: ReportStrings, lang: Language): string {
  const parts = [`<div class="query status-${token(run.status)}" id="${anchor(run.key ?? run.queryId)}">`];
  parts.push(`<h4>${htmlText(runHeading(run, lang))} <code class="muted">${htmlText(run.key ?? run.queryId)}</code></h4>`);
  parts.push(`<p class="facts">${runFacts(run, t).map((f) => htmlText(f)).join(' · ')}</p>`);
  if (run.notRun) parts.push(`<p class="note waiting">${escapeHtml(t.notRun)}</p>`);
  if (run.missing.length > 0) parts.push(`<p class="note waiting">${escapeHtml(t.waitingFor)}: ${run.missing.map((m) => `<code>${htmlText(m)}</code>`).join(', ')}</p>`);
  if (run.error !== undefined) parts.push(`<p class="note error"><strong>${escapeHtml(t.error)}:</strong> ${htmlText(run.error)}</p>`);
  if (run.findings.length > 0) {
    parts.push(`<ul>${run.findings.map((f) => `<li>${badge(f.severity, t.severities[f.severity])} ${htmlText(localize(f.reason, lang))} (${f.rows.length})</li>`).join('')}</ul>`);
  }
  const sql = run.sql ?? run.template;
  if (sql !== '') parts.push(`<p class="muted">${escapeHtml(run.sql !== undefined ? t.sqlAsRun : t.sqlTemplate)}</p><pre class="sql">${htmlText(sql, true)}</pre>`);
  if (run.rowsUnavailable !== undefined) parts.push(`<p class="note error">${escapeHtml(t.rowsUnavailable)}: ${htmlText(run.rowsUnavailable)}</p>`);
  if (run.rows.length > 0) parts.push(rowsTable(run, t));
  parts.push('</div>');
  return parts.join('\n');
}

function rowsTable(run: ReportRun, t: ReportStrings): string {
  const marks = rowSeverities(run);
  const near = new Set(run.nearAlert);
  const picked = rowsToShow(run, LIMITS.html.rows);
  const cols = `<colgroup><col class="num"><col class="flag">${run.columns.map(() => '<col>').join('')}</colgroup>`;
  const head = `<tr><th>${escapeHtml(t.rowNumber)}</th><th>${escapeHtml(t.flags)}</th>${run.columns.map((c) => `<th>${htmlText(c)}</th>`).join('')}</tr>`;
  const body = picked.map((i) => {
    const row = run.rows[i] ?? {};
    const severity = marks.get(i);
    const classes = [severity ? `flag-${token(severity)}` : '', near.has(i) ? 'near-alert' : ''].filter((c) => c !== '').join(' ');
    const flags = [severity ? badge(severity, t.severities[severity]) : '', near.has(i) ? `<span class="badge near">${escapeHtml(t.nearAlert)}</span>` : ''].join(' ');
    const cells = run.columns.map((c) => `<td>${htmlCell(cellText(c, row[c]), LIMITS.html.cell, t.cellCut)}</td>`).join('');
    return `<tr${classes ? ` class="${classes}"` : ''}><td>${i + 1}</td><td>${flags}</td>${cells}</tr>`;
  });
  const wide = run.columns.length > 6 ? ' wide' : '';
  const notes = [
    picked.length < run.rows.length ? escapeHtml(t.shownRows(picked.length, run.rows.length)) : '',
    run.resultFile !== undefined ? `${escapeHtml(t.fullRows)}: <code>${htmlText(run.resultFile)}</code>` : '',
  ].filter((s) => s !== '');
  const note = notes.length > 0 ? `<p class="muted">${notes.join(' ')}</p>` : '';
  return `<div class="scroll${wide}"><table class="rows">${cols}<thead>${head}</thead><tbody>${body.join('\n')}</tbody></table></div>${note}`;
}

function checklistSection(report: Report, t: ReportStrings, lang: Language): string {
  const items = report.checklist.map((c) => {
    const state = c.checked ? t.checked : t.notChecked;
    const at = c.checked && c.at ? ` <span class="muted">(${htmlText(c.at)})</span>` : '';
    return `<li class="${c.checked ? 'done' : 'open'}">${htmlText(localize(c.text, lang))} <span class="muted">[${escapeHtml(state)}]</span>${at}</li>`;
  });
  const list = items.length > 0 ? `<ul class="checklist">${items.join('')}</ul>` : `<p>${escapeHtml(t.none)}</p>`;
  return `<section id="checklist"><h2>${escapeHtml(t.checklist)}</h2>${list}</section>`;
}

function notesSection(report: Report, t: ReportStrings): string {
  const list = report.notes.length === 0
    ? `<p>${escapeHtml(t.noNotes)}</p>`
    : `<ul>${report.notes.map((n) => `<li><span class="muted">${htmlText(n.at)} <code>${htmlText(n.target)}</code></span> <span class="pre">${htmlText(n.text, true)}</span></li>`).join('')}</ul>`;
  return `<section id="notes"><h2>${escapeHtml(t.notes)}</h2>${list}</section>`;
}

function evidenceSection(report: Report, t: ReportStrings): string {
  const rows: [string, string][] = [
    [t.auditHead, htmlText(report.audit.head)],
    [t.auditEvents, String(report.audit.events)],
    [t.sessionId, htmlText(report.session.id)],
    [t.sessionStarted, htmlText(report.session.createdAt)],
    [t.generatedAt, htmlText(report.generatedAt)],
    [t.tool, htmlText(`${report.tool.name} ${report.tool.version}`)],
  ];
  const dl = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('');
  return `<section id="evidence"><h2>${escapeHtml(t.evidence)}</h2><dl class="evidence">${dl}</dl><p class="muted">${escapeHtml(t.legend)}</p></section>`;
}
