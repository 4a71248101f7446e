import type { Library } from '../guide/load.js';
import type { Language, LoadedGuide, LocalizedText, Step } from '../guide/model.js';
import { sanitize } from '../report/terminal-text.js';

const LABELS: Record<Language, Record<'steps' | 'falsePositives' | 'related' | 'checklist' | 'fields' | 'source' | 'only' | 'missing', string>> = {
  en: {
    steps: 'Steps',
    falsePositives: 'False positives',
    related: 'Related rules',
    checklist: 'Response checklist',
    fields: 'alert fields',
    source: 'source',
    only: 'only',
    missing: '(no such query in the library)',
  },
  'zh-CN': {
    steps: '调查步骤',
    falsePositives: '误报分析',
    related: '相关规则',
    checklist: '响应清单',
    fields: '告警字段',
    source: '来源',
    only: '专用',
    missing: '(查询库中没有此查询)',
  },
};

/** A guide's outline for the terminal: identity, summary, steps with their queries' SQL, false positives, checklist. */
export function guideOutline(loaded: LoadedGuide, lib: Library, lang: Language): string {
  const { guide } = loaded;
  const t = (text: Parameters<typeof localize>[0]): string => sanitize(localize(text, lang), { multiline: true });
  const L = LABELS[lang];
  const out: string[] = [];
  out.push(t(guide.name));
  out.push(`rule_id ${safe(guide.rule_id)}   severity ${guide.severity}   risk ${guide.risk_score}   platforms ${guide.platforms.join(', ')}`);
  const origin = guide.origin ? `   (${guide.origin.kind}: ${safe(guide.origin.file)})` : '';
  out.push(`${L.source} ${safe(loaded.source)}: ${safe(loaded.file)}${origin}`);
  const mitre = [...guide.mitre.tactics, ...guide.mitre.techniques];
  if (mitre.length > 0) out.push(`MITRE ATT&CK ${mitre.join(', ')}`);
  if (guide.fields.length > 0) out.push(`${L.fields} ${guide.fields.map(safe).join(', ')}`);
  out.push('', indent(t(guide.summary), '  '));

  out.push('', L.steps);
  const printSteps = (steps: Step[], prefix: string, pad: string): void => {
    steps.forEach((step, i) => {
      const number = `${prefix}${i + 1}.`;
      out.push(`${pad}${number} ${indent(t(step.text), `${pad}${' '.repeat(number.length + 1)}`).trimStart()}`);
      const qpad = `${pad}${' '.repeat(number.length + 1)}`;
      for (const id of step.queries) {
        const query = lib.queries.get(id);
        if (!query) {
          out.push(`${qpad}[${safe(id)}] ${L.missing}`);
          continue;
        }
        out.push(`${qpad}[${safe(id)}] ${t(query.title)}${query.platforms.includes('linux') ? '' : `   (${query.platforms.join(', ')} ${L.only})`}`);
        out.push(indent(sanitize(query.sql, { multiline: true }), `${qpad}    `));
      }
      printSteps(step.steps, number, qpad);
    });
  };
  printSteps(guide.steps, '', '  ');

  if (guide.false_positives.length > 0) {
    out.push('', L.falsePositives);
    for (const fp of guide.false_positives) out.push(`  - ${indent(t(fp), '    ').trimStart()}`);
  }
  if (guide.related_rules.length > 0) {
    out.push('', L.related);
    for (const r of guide.related_rules) out.push(`  - ${t(r.name)}${r.rule_id ? ` (${safe(r.rule_id)})` : ''}`);
  }
  if (guide.response.length > 0) {
    out.push('', L.checklist);
    for (const item of guide.response) out.push(`  [ ] ${indent(t(item.text), '      ').trimStart()}`);
  }
  return `${out.join('\n')}\n`;
}

/** model.ts's localize, repeated so that showing a guide found through the index does not load the schema library. */
function localize(text: LocalizedText, lang: Language): string {
  return text[lang] ?? text.en ?? text['zh-CN'] ?? '';
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${pad}${line}`))
    .join('\n');
}

function safe(text: string): string {
  return sanitize(text);
}
