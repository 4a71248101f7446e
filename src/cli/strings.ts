import type { Language } from '../guide/model.js';

/** Words the plain-text printer uses, in both languages. */
const STRINGS = {
  en: {
    alert: 'alert',
    rule: 'rule',
    host: 'host',
    user: 'user',
    time: 'time',
    guide: 'guide',
    engine: 'engine',
    out: 'evidence',
    risk: 'risk',
    step: 'Step',
    rows: 'rows',
    flagged: 'flagged',
    nearAlert: 'near the alert time',
    waitingFor: 'waiting for',
    giveWith: 'give it with',
    moreRows: (n: number) => `… ${n} more rows in`,
    falsePositives: 'False-positive analysis',
    response: 'Response and remediation',
    summaryLine: (ok: number, total: number, flagged: number) => `${ok}/${total} queries ran, ${flagged} flagged rows`,
    reports: 'reports',
    seeAbove: 'see above',
    fanOutCapped: (shown: number, total: number) => `ran ${shown} of ${total} value combinations`,
  },
  'zh-CN': {
    alert: '告警',
    rule: '规则',
    host: '主机',
    user: '用户',
    time: '时间',
    guide: '指南',
    engine: '引擎',
    out: '证据',
    risk: '风险',
    step: '步骤',
    rows: '行',
    flagged: '可疑',
    nearAlert: '接近告警时间',
    waitingFor: '等待字段',
    giveWith: '可用参数提供',
    moreRows: (n: number) => `… 另有 ${n} 行，见`,
    falsePositives: '误报分析',
    response: '响应与处置',
    summaryLine: (ok: number, total: number, flagged: number) => `已运行 ${ok}/${total} 个查询，${flagged} 行可疑`,
    reports: '报告',
    seeAbove: '见上文',
    fanOutCapped: (shown: number, total: number) => `共 ${total} 种取值组合，已运行 ${shown} 种`,
  },
} satisfies Record<Language, Record<string, unknown>>;

export type CliStrings = (typeof STRINGS)['en'];

export function cliStrings(lang: Language): CliStrings {
  return STRINGS[lang];
}

/** --lang, else LANG/LC_ALL: Chinese locales get zh-CN. */
export function languageFrom(flag: string | undefined, env: NodeJS.ProcessEnv): Language | undefined {
  if (flag !== undefined) return flag === 'en' || flag === 'zh-CN' ? flag : undefined;
  const locale = env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}
