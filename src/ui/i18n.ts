import type { Language } from '../guide/model.js';
import type { QueryStatus, Verdict } from '../triage/model.js';
import type { Command } from './keys.js';
import { sanitize } from './sanitize.js';

/** Every string the interface shows, in English and Simplified Chinese. Guide and alert text is never here. */
export interface UiStrings {
  severity: Record<'low' | 'medium' | 'high' | 'critical' | 'unknown', string>;
  status: Record<QueryStatus, string>;
  verdict: Record<Verdict, string>;
  commands: Record<Command, string>;
  picker: {
    title: (n: number) => string;
    filter: string;
    placeholder: string;
    noMatch: string;
    blocks: (n: number) => string;
    block: string;
    noHost: string;
  };
  opening: string;
  closing: string;
  failedTitle: string;
  crashedTitle: string;
  crashedHint: string;
  failedHint: (canGoBack: boolean) => string;
  header: { risk: string; host: string; user: string; time: string; mitre: string; engine: string; session: string; verdict: string; none: string };
  outline: { investigation: string; falsePositives: string; response: string; rows: (n: number) => string; flagged: (n: number) => string; pane: string };
  detail: {
    pane: string;
    run: (i: number, n: number) => string;
    status: string;
    duration: string;
    rows: string;
    started: string;
    findings: string;
    noFindings: string;
    waiting: (fields: string) => string;
    waitingHint: string;
    ready: string;
    running: string;
    blocked: string;
    error: string;
    stderr: string;
    noRows: string;
    loading: string;
    rowOf: (i: number, n: number) => string;
    more: (n: number) => string;
    capped: (shown: number, total: number) => string;
    step: (path: string) => string;
    stepQueries: string;
    falsePositive: string;
    sessionNote: string;
    item: string;
    done: string;
    notDone: string;
    note: string;
    noNote: string;
    flaggedMark: string;
    nearMark: string;
    sqlFolded: (n: number) => string;
    sqlAbove: (n: number) => string;
  };
  prompt: { title: (field: string) => string; why: (field: string) => string; typeHint: string; preview: string; confirmHint: string; byHand: string; failed: string };
  note: { title: (target: string) => string; hint: string };
  verdictPrompt: { title: string; reason: string; chooseHint: string; reasonHint: string; reasonRequired: string };
  quitConfirm: string;
  progress: { running: (done: number, total: number, elapsed: string) => string; finished: (total: number, elapsed: string) => string };
  notice: { nothingReady: string; error: (text: string) => string };
  help: { title: string; close: string; scopes: Record<'outline' | 'detail' | 'picker' | 'export' | 'row', string> };
  exportScreen: { title: string; formats: string; destination: string; writing: string; written: string; sumsHead: string; noFormat: string; failed: (m: string) => string; doneHint: string };
  rowView: { title: (i: number, n: number) => string; hint: string };
}

const en: UiStrings = {
  severity: { low: 'LOW', medium: 'MEDIUM', high: 'HIGH', critical: 'CRITICAL', unknown: '?' },
  status: { waiting: 'waiting for a value', ready: 'ready', running: 'running', ok: 'ok', error: 'error', timeout: 'timed out', blocked: 'blocked' },
  verdict: { 'true-positive': 'true positive', 'benign-true-positive': 'benign true positive', 'false-positive': 'false positive', undetermined: 'undetermined' },
  commands: {
    up: 'move up',
    down: 'move down',
    'page-up': 'page up',
    'page-down': 'page down',
    first: 'first',
    last: 'last',
    left: 'scroll left / previous row',
    right: 'scroll right / next row',
    'switch-pane': 'switch pane',
    open: 'open / run',
    run: 'run or re-run',
    'run-all': 'run all ready',
    tick: 'tick',
    note: 'note',
    verdict: 'verdict',
    export: 'export',
    help: 'all keys',
    quit: 'quit',
    back: 'back',
    'next-waiting': 'next query waiting for a value',
    'toggle-sql': 'show all of the SQL',
    'next-run': 'next run of the query',
    'prev-run': 'previous run of the query',
    'toggle-blocks': 'show building blocks',
    submit: 'confirm',
    interrupt: 'quit at once',
  },
  picker: {
    title: (n) => `Alerts (${n})`,
    filter: 'Filter',
    placeholder: 'type to filter',
    noMatch: 'No alert matches the filter.',
    blocks: (n) => `${n} building block${n === 1 ? '' : 's'}`,
    block: 'building block',
    noHost: '-',
  },
  opening: 'Opening the alert: finding its guide, choosing the engine, starting the evidence bundle…',
  closing: 'Stopping running queries and saving the session…',
  failedTitle: 'This alert cannot be opened',
  crashedTitle: 'This screen failed to draw',
  crashedHint: 'Everything done so far is saved in the session directory. q: quit (resume it with osq-triage resume DIR)',
  failedHint: (back) => (back ? 'Esc: back to the alerts · q: quit' : 'q: quit'),
  header: { risk: 'risk', host: 'host', user: 'user', time: 'time', mitre: 'MITRE', engine: 'engine', session: 'session', verdict: 'verdict', none: '-' },
  outline: { investigation: 'Investigation', falsePositives: 'False positives', response: 'Response', rows: (n) => `${n}`, flagged: (n) => `!${n}`, pane: 'Guide' },
  detail: {
    pane: 'Detail',
    run: (i, n) => `run ${i}/${n}`,
    status: 'status',
    duration: 'took',
    rows: 'rows',
    started: 'started',
    findings: 'Findings',
    noFindings: 'No findings.',
    waiting: (f) => `Waiting for a value: ${f} (missing from the alert).`,
    waitingHint: 'Press Enter to type it.',
    ready: 'Ready. Enter or r runs it; a runs every ready query.',
    running: 'Running',
    blocked: 'Blocked',
    error: 'Error',
    stderr: 'stderr',
    noRows: 'The query returned no rows.',
    loading: 'Reading the rows…',
    rowOf: (i, n) => `row ${i}/${n}`,
    more: (n) => `+${n} more`,
    capped: (shown, total) => `${shown} of ${total} value combinations run`,
    step: (p) => `Step ${p}`,
    stepQueries: 'Queries',
    falsePositive: 'Possible false positive',
    sessionNote: 'Session note',
    item: 'Response action',
    done: 'done',
    notDone: 'not done',
    note: 'Note',
    noNote: 'No note yet: press n to add one.',
    flaggedMark: 'flagged',
    nearMark: 'near the alert time',
    sqlFolded: (n) => `… ${n} more lines (s shows all)`,
    sqlAbove: (n) => `… ${n} lines above`,
  },
  prompt: {
    title: (f) => `Value for ${f}`,
    why: (f) => `The alert has no ${f}; the query waits for it.`,
    typeHint: 'Enter: next · Esc: cancel',
    preview: 'The query will run as:',
    confirmHint: 'Enter: record the value and run · Esc: edit',
    byHand: 'recorded as entered by hand',
    failed: 'The value cannot be used:',
  },
  note: { title: (t) => `Note on ${t}`, hint: 'Enter: save · Esc: cancel · an empty note is removed' },
  verdictPrompt: {
    title: 'Verdict',
    reason: 'Reason',
    chooseHint: '↑↓ choose · Enter: next · Esc: cancel',
    reasonHint: 'Enter: save · Esc: back',
    reasonRequired: 'A reason is required.',
  },
  quitConfirm: 'Queries are still running. q again stops them and quits; Esc stays.',
  progress: {
    running: (d, t, e) => `Running ${d}/${t} · ${e}`,
    finished: (t, e) => `Ran ${t} quer${t === 1 ? 'y' : 'ies'} in ${e}`,
  },
  notice: { nothingReady: 'No query is ready to run.', error: (t) => `Error: ${t}` },
  help: {
    title: 'Keys',
    close: 'Esc or ? closes this',
    scopes: { outline: 'Guide pane', detail: 'Detail pane', picker: 'Alert list', export: 'Export', row: 'Row view' },
  },
  exportScreen: {
    title: 'Export the triage report',
    formats: 'Formats',
    destination: 'Written to the session directory',
    writing: 'Writing the reports…',
    written: 'Written',
    sumsHead: 'SHA256SUMS covers the audit chain up to',
    noFormat: 'Choose at least one format.',
    failed: (m) => `Export failed: ${m}`,
    doneHint: 'Esc: back to the triage',
  },
  rowView: { title: (i, n) => `Row ${i} of ${n}`, hint: '←→ previous/next row · ↑↓ scroll · Esc: close' },
};

const zhCN: UiStrings = {
  severity: { low: '低', medium: '中', high: '高', critical: '严重', unknown: '?' },
  status: { waiting: '等待输入值', ready: '就绪', running: '运行中', ok: '完成', error: '出错', timeout: '超时', blocked: '已拒绝' },
  verdict: { 'true-positive': '真阳性', 'benign-true-positive': '良性真阳性', 'false-positive': '误报', undetermined: '无法确定' },
  commands: {
    up: '上移',
    down: '下移',
    'page-up': '上一页',
    'page-down': '下一页',
    first: '第一项',
    last: '最后一项',
    left: '左滚 / 上一行',
    right: '右滚 / 下一行',
    'switch-pane': '切换窗格',
    open: '打开 / 运行',
    run: '运行或重新运行',
    'run-all': '运行全部就绪查询',
    tick: '勾选',
    note: '备注',
    verdict: '结论',
    export: '导出',
    help: '全部按键',
    quit: '退出',
    back: '返回',
    'next-waiting': '下一个等待输入值的查询',
    'toggle-sql': '显示完整 SQL',
    'next-run': '查询的下一次运行',
    'prev-run': '查询的上一次运行',
    'toggle-blocks': '显示构建块',
    submit: '确认',
    interrupt: '立即退出',
  },
  picker: {
    title: (n) => `告警（${n}）`,
    filter: '筛选',
    placeholder: '输入以筛选',
    noMatch: '没有符合筛选条件的告警。',
    blocks: (n) => `${n} 个构建块`,
    block: '构建块',
    noHost: '-',
  },
  opening: '正在打开告警：查找调查指南、选择引擎、创建证据包…',
  closing: '正在停止运行中的查询并保存会话…',
  failedTitle: '无法打开此告警',
  crashedTitle: '此界面绘制失败',
  crashedHint: '此前的所有操作都已保存在会话目录中。q：退出（可用 osq-triage resume DIR 继续）',
  failedHint: (back) => (back ? 'Esc：返回告警列表 · q：退出' : 'q：退出'),
  header: { risk: '风险', host: '主机', user: '用户', time: '时间', mitre: 'MITRE', engine: '引擎', session: '会话', verdict: '结论', none: '-' },
  outline: { investigation: '调查步骤', falsePositives: '可能的误报', response: '响应清单', rows: (n) => `${n}`, flagged: (n) => `!${n}`, pane: '指南' },
  detail: {
    pane: '详情',
    run: (i, n) => `第 ${i}/${n} 次运行`,
    status: '状态',
    duration: '耗时',
    rows: '行数',
    started: '开始',
    findings: '发现',
    noFindings: '无发现。',
    waiting: (f) => `等待输入值：${f}（告警中缺少）。`,
    waitingHint: '按 Enter 输入。',
    ready: '就绪。Enter 或 r 运行；a 运行全部就绪查询。',
    running: '运行中',
    blocked: '已拒绝',
    error: '错误',
    stderr: 'stderr',
    noRows: '查询没有返回任何行。',
    loading: '正在读取结果…',
    rowOf: (i, n) => `第 ${i}/${n} 行`,
    more: (n) => `还有 ${n} 项`,
    capped: (shown, total) => `已运行 ${total} 种取值组合中的 ${shown} 种`,
    step: (p) => `步骤 ${p}`,
    stepQueries: '查询',
    falsePositive: '可能的误报',
    sessionNote: '会话备注',
    item: '响应措施',
    done: '已完成',
    notDone: '未完成',
    note: '备注',
    noNote: '暂无备注：按 n 添加。',
    flaggedMark: '已标记',
    nearMark: '接近告警时间',
    sqlFolded: (n) => `… 另有 ${n} 行（按 s 显示全部）`,
    sqlAbove: (n) => `… 上方还有 ${n} 行`,
  },
  prompt: {
    title: (f) => `${f} 的值`,
    why: (f) => `告警中没有 ${f}，查询在等待该值。`,
    typeHint: 'Enter：下一步 · Esc：取消',
    preview: '查询将按如下语句运行：',
    confirmHint: 'Enter：记录该值并运行 · Esc：修改',
    byHand: '记录为手工输入',
    failed: '该值无法使用：',
  },
  note: { title: (t) => `备注：${t}`, hint: 'Enter：保存 · Esc：取消 · 空备注将被删除' },
  verdictPrompt: {
    title: '结论',
    reason: '理由',
    chooseHint: '↑↓ 选择 · Enter：下一步 · Esc：取消',
    reasonHint: 'Enter：保存 · Esc：返回',
    reasonRequired: '必须填写理由。',
  },
  quitConfirm: '仍有查询在运行。再按 q 停止并退出；按 Esc 留下。',
  progress: {
    running: (d, t, e) => `运行中 ${d}/${t} · ${e}`,
    finished: (t, e) => `已运行 ${t} 个查询，用时 ${e}`,
  },
  notice: { nothingReady: '没有就绪的查询。', error: (t) => `错误：${t}` },
  help: {
    title: '按键',
    close: '按 Esc 或 ? 关闭',
    scopes: { outline: '指南窗格', detail: '详情窗格', picker: '告警列表', export: '导出', row: '行视图' },
  },
  exportScreen: {
    title: '导出调查报告',
    formats: '格式',
    destination: '写入会话目录',
    writing: '正在写入报告…',
    written: '已写入',
    sumsHead: 'SHA256SUMS 覆盖的审计链头',
    noFormat: '请至少选择一种格式。',
    failed: (m) => `导出失败：${m}`,
    doneHint: 'Esc：返回调查',
  },
  rowView: { title: (i, n) => `第 ${i} 行，共 ${n} 行`, hint: '←→ 上一行/下一行 · ↑↓ 滚动 · Esc：关闭' },
};

const STRINGS: Record<Language, UiStrings> = { en, 'zh-CN': zhCN };

export function uiStrings(lang: Language): UiStrings {
  return STRINGS[lang];
}

/** "850 ms", "12.4 s", "3m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** An ISO time as "2026-03-14 02:17:45Z" (times stay in UTC, as in the report). */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return sanitize(iso);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
