import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson, toReportJson } from '../../src/report/json.js';
import { loadRunRows } from '../../src/report/load.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport, type Report } from '../../src/report/model.js';
import { fixedEngine, HOSTILE, HOSTILE_ROWS, QUERIES, runFixture, testAlert, type Fixture } from './helpers.js';

const CMARK = spawnSync('cmark-gfm', ['--version']).status === 0;
const AT = '2026-05-30T06:00:00.000Z';

async function reportOf(fixture: Fixture): Promise<Report> {
  return buildReport(fixture.store.session, await loadRunRows(fixture.dir, fixture.store.session), AT);
}

/** Render Markdown with GitHub's own parser (cmark-gfm, the extensions github.com enables). */
function gfm(markdown: string): string {
  const out = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter', '-e', 'tasklist'], { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`cmark-gfm failed: ${out.stderr}`);
  return out.stdout;
}

describe('report model and renderers over a hostile session', () => {
  let fixture: Fixture;
  let report: Report;

  beforeAll(async () => {
    fixture = await runFixture();
    const at = '2026-05-30T05:30:00.000Z';
    await fixture.store.apply({ type: 'checklist-toggled', id: 'isolate', checked: true, at });
    await fixture.store.apply({ type: 'note-set', target: 'session', text: `Looked at pid 101 ${HOSTILE.script}\nsecond line`, at });
    await fixture.store.apply({ type: 'verdict-set', value: 'true-positive', reason: `kworker impostor ${HOSTILE.escape}`, at });
    report = await reportOf(fixture);
  });
  afterAll(() => fixture.cleanup());

  it('report.json carries the DESIGN.md contract, one entry per run plus queries that never ran', () => {
    const json = toReportJson(report, 'en');
    expect(json.alert).toMatchObject({ rule_id: 'test-rule-0001', severity: 'high', host: 'web-01\u001b[2J', timestamp: '2026-05-30T04:41:12.377Z', user: 'root|`x`' });
    expect(json.alert.fields['process.name']).toEqual(['kworker%']);
    expect(json.guide).toEqual({ id: 'test-rule-0001', name: 'Suspicious <script>alert(1)</script> | kworker', source: 'test', file: 'test-rule.yaml', sha256: 'a'.repeat(64) });
    expect(json.engine).toEqual({ name: 'fixed', version: '1.0' });
    expect(json.tool).toEqual({ name: 'osq-triage', version: '0.1.0-test' });
    expect(json.queries.map((q) => [q.id, q.status])).toEqual([
      ['host-context', 'ok'],
      ['suspicious-processes', 'ok'],
      ['missing-from-library', 'blocked'],
      ['file-details', 'waiting'],
      ['carved', 'blocked'],
      ['failing', 'error'],
    ]);
    const waiting = json.queries.find((q) => q.id === 'file-details');
    expect(waiting).toMatchObject({ run: null, sql: '', template: 'SELECT path, mtime FROM file WHERE path = <<file.path>>', missing: ['file.path'], row_count: 0, started_at: null });
    expect(json.queries.find((q) => q.id === 'missing-from-library')?.error).toMatch(/not in the query library/);
    expect(json.queries.find((q) => q.id === 'carved')?.error).toMatch(/read-only guard/);
    const procs = json.queries.find((q) => q.id === 'suspicious-processes');
    expect(procs?.sql).toBe("SELECT pid, name, path, cmdline, start_time FROM processes WHERE name LIKE 'kworker%'");
    expect(procs?.rows).toEqual(HOSTILE_ROWS);
    expect(procs?.row_count).toBe(5);
    expect(procs?.rows[3]?.cmdline).toHaveLength(10 * 1024);
    expect(procs?.findings.map((f) => [f.severity, f.rows])).toEqual([['high', [0]], ['medium', [0, 1]]]);
    expect(procs?.near_alert).toEqual([0]);
    expect(procs?.result_file).toBe('results/02-suspicious-processes.json');
    expect(typeof procs?.duration_ms).toBe('number');
    expect(procs?.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(json.findings_summary).toMatchObject({ flagged_rows: 2, by_severity: { critical: 0, high: 1, medium: 1, low: 0 }, near_alert_rows: 1 });
    expect(json.host.queried[0]?.rows[0]?.hostname).toBe('web-01');
    expect(json.host.hostname).toBe('analyst-box');
    expect(json.checklist).toEqual([
      { id: 'isolate', text: 'Isolate the host', checked: true, at: '2026-05-30T05:30:00.000Z' },
      { id: 'collect', text: 'Collect <the> binary | `now`', checked: false, at: null },
    ]);
    expect(json.verdict?.value).toBe('true-positive');
    expect(json.notes[0]?.text).toContain(HOSTILE.script);
    expect(json.audit).toEqual({ events: fixture.store.session.audit?.events, head: fixture.store.auditHead });
  });

  it('report.json text parses back to exactly the model, one row per line', () => {
    const text = renderJson(report, 'en');
    expect(JSON.parse(text)).toEqual(toReportJson(report, 'en'));
    expect(text).toContain(`\n   ${JSON.stringify(HOSTILE_ROWS[1])},\n`);
    expect(text).not.toMatch(/"rows-[0-9a-f-]{36}-\d+"/);
  });

  it('Markdown puts verdict and findings first and keeps every hostile value inert', () => {
    const md = renderMarkdown(report, 'en');
    const order = ['**Verdict:** True positive', '## Findings summary', '## Alert', '## Engine', '## Host facts', '## Investigation steps', '## Response checklist', '## Notes', '## Evidence'];
    const positions = order.map((s) => md.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Nothing invisible reaches a terminal that cats the file; escapes are shown instead.
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(md).toContain('\\\\x1b');
    // No raw HTML, no unescaped pipe inside a value, no line an attacker could start.
    expect(md).not.toMatch(/(^|[^\\])<(script|img|\/td|h1)/m);
    expect(md).toContain('a\\|b\\|\\|c');
    expect(md).not.toMatch(/^# heading from a row/m);
    // Long cells cut, with the full rows pointed to; flagged rows marked.
    expect(Math.max(...md.split('\n').map((l) => l.length))).toBeLessThan(3000);
    expect(md).toContain('10040 more characters');
    expect(md).toContain('Full rows: `results/02-suspicious-processes.json`');
    expect(md).toMatch(/^\| 1 \| \*\*high\*\* · near alert \| 101 \|/m);
    expect(md).toContain('- [x] Isolate the host (2026-05-30T05:30:00.000Z)');
    expect(md).toContain('1780116012 (2026-05-30T04:40:12Z)');
    expect(md).toContain(fixture.store.auditHead);
  });

  it.skipIf(!CMARK)(`Markdown renders through cmark-gfm (GitHub) with no HTML from values and intact tables${CMARK ? '' : ' — SKIPPED: cmark-gfm is not installed (apt-get install -y cmark-gfm)'}`, () => {
    const html = gfm(renderMarkdown(report, 'en'));
    expect(html).not.toMatch(/<script|<img|<h1 id="injected"|href="javascript|<a href="http/i);
    expect(html).toContain('&lt;script&gt;document.title=');
    // Every table body row has exactly as many cells as its header.
    for (const table of html.split('<table>').slice(1)) {
      const body = table.slice(0, table.indexOf('</table>'));
      const headers = (body.match(/<th[ >]/g) ?? []).length;
      for (const row of body.split('<tr>').slice(2)) expect((row.match(/<td[ >]/g) ?? []).length).toBe(headers);
    }
    // The only headings are the report's own.
    const headings = [...html.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((m) => m[2] ?? '');
    expect(headings.some((h) => h.includes('heading from a row'))).toBe(false);
    expect(html).toContain('<input type="checkbox" checked="" disabled="" /> Isolate the host');
  });

  it('HTML escapes everything, shows control characters, highlights flagged rows and has a strict CSP', () => {
    const html = renderHtml(report, 'en');
    expect(html.match(/<script/gi)).toBeNull();
    expect(html).not.toMatch(/<img|<h1 id="injected"|onerror="/i);
    expect(html).toContain('&lt;script&gt;document.title=&#39;pwned&#39;');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'">/);
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(html).toContain('<span class="ctl">\\x1b</span>]0;evil window title<span class="ctl">\\x07</span>');
    expect(html).toContain('<span class="ctl">\\u202e</span>');
    expect(html).toMatch(/<tr class="flag-high near-alert"><td>1<\/td>/);
    expect(html).toMatch(/<tr class="flag-medium"><td>2<\/td>/);
    expect(html).toContain(`${'A'.repeat(2000)}<span class="cut">… 8240 more characters</span>`);
    expect(html).not.toContain('style=');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<li class="done">Isolate the host');
  });

  it('zh-CN translates every report label', () => {
    const md = renderMarkdown(report, 'zh-CN');
    const html = renderHtml(report, 'zh-CN');
    for (const label of ['研判报告', '结论', '真阳性', '发现摘要', '告警', '主机信息', '调查步骤', '处置清单', '备注', '证据', '实际运行的 SQL', '完整结果']) {
      expect(md).toContain(label);
      expect(html).toContain(label);
    }
    for (const english of ['Findings summary', 'Verdict', 'Investigation steps', 'Response checklist', 'SQL as run', 'Full rows', 'Audit chain head']) {
      expect(md).not.toContain(english);
      expect(html).not.toContain(english);
    }
    expect(md).toContain('伪装成内核线程的进程在磁盘上有可执行文件');
    expect(md).toContain('隔离主机');
    expect(html).toContain('<html lang="zh-CN">');
    expect(toReportJson(report, 'zh-CN').checklist[0]?.text).toBe('隔离主机');
  });
});

describe('long results and host facts', () => {
  it('truncates a long result but keeps flagged and near-alert rows past the cut', async () => {
    const rows: Row[] = Array.from({ length: 300 }, (_, i) => ({ pid: String(i), name: i === 280 ? 'kworker/9' : 'bash', path: '/bin/x', cmdline: '', start_time: '1600000000' }));
    const fixture = await runFixture({ engine: fixedEngine({ processes: { rows }, system_info: { rows: [] } }), queries: QUERIES.filter((q) => q.id === 'suspicious-processes') });
    try {
      const report = await reportOf(fixture);
      const md = renderMarkdown(report, 'en');
      expect(md).toContain('Showing 50 of 300 rows');
      expect(md).toMatch(/^\| 281 \| \*\*high\*\* \| 280 \| kworker\/9 \|/m);
      expect(md).not.toMatch(/^\| 60 \|/m);
      const html = renderHtml(report, 'en');
      expect(html).toContain('Showing 200 of 300 rows');
      expect(html).toMatch(/<tr class="flag-high"><td>281<\/td>/);
      expect(toReportJson(report, 'en').queries.find((q) => q.id === 'suspicious-processes')?.rows).toHaveLength(300);
    } finally {
      await fixture.cleanup();
    }
  });

  it('falls back to the facts of the machine the triage ran on when no system_info/os_version query ran', async () => {
    const fixture = await runFixture({ queries: QUERIES.filter((q) => q.id !== 'host-context'), alert: testAlert({ 'file.path': ['/tmp/x'] }) });
    try {
      const report = await reportOf(fixture);
      expect(report.host.queried).toEqual([]);
      const md = renderMarkdown(report, 'en');
      expect(md).toContain('Machine the triage ran on');
      expect(md).toContain('| Host name | analyst-box |');
      expect(md).toContain('**Verdict:** not set');
    } finally {
      await fixture.cleanup();
    }
  });
});
