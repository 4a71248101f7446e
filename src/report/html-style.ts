/** The report's only stylesheet: inline (the file is self-contained) and pinned by hash in the page's CSP. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1b1f24; background: #fff; margin: 0 auto; max-width: 1280px; padding: 16px 24px 48px; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; overflow-wrap: anywhere; }
h2 { font-size: 1.3em; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 1.8em; }
h3, h4, h5, h6 { font-size: 1.05em; margin: 1.4em 0 0.4em; overflow-wrap: anywhere; }
p, li, dd, blockquote { overflow-wrap: anywhere; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
pre.sql { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 8px 10px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 6px 0 4px; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; text-align: left;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
th { background: #f6f8fa; font-weight: 600; }
table.kv th { width: 12em; }
table.rows td { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
col.num { width: 4.5em; }
col.flag { width: 7.5em; }
.scroll { overflow-x: auto; }
.wide table.rows { min-width: 900px; }
.ctl { color: #a40e26; background: #ffebe9; border-radius: 2px; font-family: ui-monospace, monospace; }
.cut { color: #57606a; font-style: italic; margin-left: 0.4em; }
.muted { color: #57606a; }
.pre { white-space: pre-wrap; }
.facts { color: #424a53; margin: 2px 0 6px; }
.note { border-left: 4px solid #d0d7de; padding: 2px 10px; margin: 6px 0; color: #424a53; }
.note.error { border-color: #cf222e; }
.note.waiting { border-color: #9a6700; }
.query { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 10px 0; break-inside: avoid-page; }
.query h4 { margin: 0 0 2px; }
.query.status-error, .query.status-timeout, .query.status-blocked { border-color: #cf222e; }
.query.status-waiting { border-color: #9a6700; }
.verdict { font-size: 1.15em; padding: 8px 12px; border-radius: 6px; background: #f6f8fa; border: 1px solid #d0d7de; }
.verdict.v-true-positive { background: #ffebe9; border-color: #cf222e; }
.verdict.v-false-positive, .verdict.v-benign-true-positive { background: #dafbe1; border-color: #1a7f37; }
.badge { display: inline-block; border-radius: 3px; padding: 0 5px; font-size: 0.85em; font-weight: 600; border: 1px solid transparent; }
.sev-critical { background: #ffd7d5; border-color: #a40e26; color: #82071e; }
.sev-high { background: #ffe2cc; border-color: #bc4c00; color: #762c00; }
.sev-medium { background: #fff3c4; border-color: #9a6700; color: #4d2d00; }
.sev-low { background: #ddf4ff; border-color: #0969da; color: #0a3069; }
.near { background: #fbefff; border-color: #8250df; color: #512a97; }
tr.flag-critical td { background: #ffebe9; }
tr.flag-high td { background: #fff1e5; }
tr.flag-medium td { background: #fff8c5; }
tr.flag-low td { background: #f1f8ff; }
tr.near-alert td:first-child { border-left: 4px solid #8250df; }
ul.checklist { list-style: none; padding-left: 0.4em; }
ul.checklist li::before { content: "\\2610  "; }
ul.checklist li.done::before { content: "\\2611  "; }
dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dl.evidence dt { font-weight: 600; }
dl.evidence dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .scroll { overflow: visible; }
  .wide table.rows { min-width: 0; }
  tr, pre.sql, .verdict { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
