import type { Language, Severity } from '../guide/model.js';
import type { Verdict } from '../triage/model.js';
import type { ReportStatus } from './model.js';

/** Every label a report prints, in each language; zh-CN must provide every key en has. */
export interface ReportStrings {
  title: string;
  verdict: string;
  verdictNotSet: string;
  verdicts: Record<Verdict, string>;
  findingsSummary: string;
  flaggedRows: (n: number) => string;
  nearAlertRows: (n: number, minutes: number) => string;
  queryCounts: string;
  noFindings: string;
  severity: string;
  severities: Record<Severity, string>;
  reason: string;
  query: string;
  rows: string;
  alert: string;
  rule: string;
  ruleId: string;
  riskScore: string;
  host: string;
  user: string;
  time: string;
  mitre: string;
  alertId: string;
  alertOrigin: string;
  valuesEntered: string;
  engine: string;
  version: string;
  hostFacts: string;
  hostFactsQueried: (query: string) => string;
  hostFactsSession: string;
  hostname: string;
  platform: string;
  release: string;
  arch: string;
  ranBy: string;
  guide: string;
  guideSource: string;
  steps: string;
  step: string;
  otherQueries: string;
  seeStep: (step: string) => string;
  status: string;
  statuses: Record<ReportStatus, string>;
  notRun: string;
  duration: string;
  started: string;
  rowCount: string;
  waitingFor: string;
  error: string;
  sqlAsRun: string;
  sqlTemplate: string;
  flags: string;
  nearAlert: string;
  rowNumber: string;
  shownRows: (shown: number, total: number) => string;
  fullRows: string;
  rowsUnavailable: string;
  cellCut: (more: number) => string;
  fanOutCapped: (shown: number, total: number) => string;
  checklist: string;
  checked: string;
  notChecked: string;
  notes: string;
  noNotes: string;
  evidence: string;
  auditHead: string;
  auditEvents: string;
  generatedAt: string;
  tool: string;
  sessionId: string;
  sessionStarted: string;
  legend: string;
  none: string;
}

const EN: ReportStrings = {
  title: 'Triage report',
  verdict: 'Verdict',
  verdictNotSet: 'not set',
  verdicts: {
    'true-positive': 'True positive',
    'benign-true-positive': 'Benign true positive',
    'false-positive': 'False positive',
    undetermined: 'Undetermined',
  },
  findingsSummary: 'Findings summary',
  flaggedRows: (n) => `${n} flagged ${n === 1 ? 'row' : 'rows'}`,
  nearAlertRows: (n, minutes) => `${n} ${n === 1 ? 'row' : 'rows'} with a time within ±${minutes} min of the alert`,
  queryCounts: 'Queries',
  noFindings: 'No query flagged any row.',
  severity: 'Severity',
  severities: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
  reason: 'Reason',
  query: 'Query',
  rows: 'Rows',
  alert: 'Alert',
  rule: 'Rule',
  ruleId: 'Rule id',
  riskScore: 'Risk score',
  host: 'Host',
  user: 'User',
  time: 'Time',
  mitre: 'MITRE ATT&CK',
  alertId: 'Alert id',
  alertOrigin: 'Read from',
  valuesEntered: 'Values entered by hand',
  engine: 'Engine',
  version: 'version',
  hostFacts: 'Host facts',
  hostFactsQueried: (query) => `As reported by the host (query ${query})`,
  hostFactsSession: 'Machine the triage ran on (no system_info or os_version result in this session)',
  hostname: 'Host name',
  platform: 'Platform',
  release: 'Release',
  arch: 'Architecture',
  ranBy: 'Run by',
  guide: 'Guide',
  guideSource: 'Source',
  steps: 'Investigation steps',
  step: 'Step',
  otherQueries: 'Other queries',
  seeStep: (step) => `results shown under step ${step}`,
  status: 'Status',
  statuses: { ok: 'ok', error: 'error', timeout: 'timed out', waiting: 'waiting', blocked: 'blocked' },
  notRun: 'not run yet: the session stopped before this query ran (osq-triage resume continues it)',
  duration: 'Duration',
  started: 'Started',
  rowCount: 'Rows returned',
  waitingFor: 'Waiting for a value of',
  error: 'Error',
  sqlAsRun: 'SQL as run',
  sqlTemplate: 'SQL (not rendered)',
  flags: 'Flags',
  nearAlert: 'near alert',
  rowNumber: 'Row',
  shownRows: (shown, total) => `Showing ${shown} of ${total} rows (flagged and near-alert rows first).`,
  fullRows: 'Full rows',
  rowsUnavailable: 'The rows file could not be read',
  cellCut: (more) => `… ${more} more characters`,
  fanOutCapped: (shown, total) => `Ran ${shown} of ${total} value combinations (capped).`,
  checklist: 'Response checklist',
  checked: 'done',
  notChecked: 'open',
  notes: 'Notes',
  noNotes: 'No notes.',
  evidence: 'Evidence',
  auditHead: 'Audit chain head (sha256 of the last audit.jsonl line when this report was made)',
  auditEvents: 'Audit events',
  generatedAt: 'Report generated',
  tool: 'Tool',
  sessionId: 'Session id',
  sessionStarted: 'Session started',
  legend: 'Control characters in collected values are shown as \\xNN; report.json and results/ hold the values exactly as returned.',
  none: '—',
};

const ZH: ReportStrings = {
  title: '研判报告',
  verdict: '结论',
  verdictNotSet: '未给出',
  verdicts: {
    'true-positive': '真阳性',
    'benign-true-positive': '良性真阳性',
    'false-positive': '误报',
    undetermined: '无法确定',
  },
  findingsSummary: '发现摘要',
  flaggedRows: (n) => `${n} 行被标记`,
  nearAlertRows: (n, minutes) => `${n} 行的时间在告警前后 ${minutes} 分钟内`,
  queryCounts: '查询',
  noFindings: '没有查询标记任何行。',
  severity: '严重程度',
  severities: { critical: '严重', high: '高', medium: '中', low: '低' },
  reason: '原因',
  query: '查询',
  rows: '行数',
  alert: '告警',
  rule: '规则',
  ruleId: '规则 ID',
  riskScore: '风险分',
  host: '主机',
  user: '用户',
  time: '时间',
  mitre: 'MITRE ATT&CK',
  alertId: '告警 ID',
  alertOrigin: '读取自',
  valuesEntered: '手工输入的值',
  engine: '查询引擎',
  version: '版本',
  hostFacts: '主机信息',
  hostFactsQueried: (query) => `由主机返回（查询 ${query}）`,
  hostFactsSession: '运行研判的机器（本次会话没有 system_info 或 os_version 结果）',
  hostname: '主机名',
  platform: '平台',
  release: '内核版本',
  arch: '架构',
  ranBy: '执行人',
  guide: '研判指南',
  guideSource: '来源',
  steps: '调查步骤',
  step: '步骤',
  otherQueries: '其他查询',
  seeStep: (step) => `结果见步骤 ${step}`,
  status: '状态',
  statuses: { ok: '成功', error: '出错', timeout: '超时', waiting: '等待输入', blocked: '已拦截' },
  notRun: '尚未运行：会话在此查询运行前中断（osq-triage resume 可继续）',
  duration: '耗时',
  started: '开始时间',
  rowCount: '返回行数',
  waitingFor: '等待以下字段的值',
  error: '错误',
  sqlAsRun: '实际运行的 SQL',
  sqlTemplate: 'SQL（未填充）',
  flags: '标记',
  nearAlert: '临近告警',
  rowNumber: '行',
  shownRows: (shown, total) => `显示 ${total} 行中的 ${shown} 行（被标记和临近告警的行优先）。`,
  fullRows: '完整结果',
  rowsUnavailable: '无法读取结果文件',
  cellCut: (more) => `… 另有 ${more} 个字符`,
  fanOutCapped: (shown, total) => `共 ${total} 种取值组合，已运行 ${shown} 种（已截断）。`,
  checklist: '处置清单',
  checked: '已完成',
  notChecked: '未完成',
  notes: '备注',
  noNotes: '无备注。',
  evidence: '证据',
  auditHead: '审计链头（生成本报告时 audit.jsonl 最后一行的 sha256）',
  auditEvents: '审计事件数',
  generatedAt: '报告生成时间',
  tool: '工具',
  sessionId: '会话 ID',
  sessionStarted: '会话开始时间',
  legend: '采集值中的控制字符显示为 \\xNN；report.json 与 results/ 保存原始返回值。',
  none: '—',
};

const STRINGS: Record<Language, ReportStrings> = { en: EN, 'zh-CN': ZH };

export function reportStrings(lang: Language): ReportStrings {
  return STRINGS[lang];
}
