import { Guide, type ChecklistItem, type Step } from '../model.js';
import type { RuleDraft } from './draft.js';
import type { StepNode } from './outline.js';
import { slug } from './text.js';

export const ADDITIONAL_QUERIES = 'Additional queries';

export type GuideBuild = { ok: true; guide: Guide } | { ok: false; reason: string };

/**
 * The guide for a drafted rule. `idOf(i)` is the library id of entry i (undefined when the entry was left out).
 * Entries no step references (never referenced, or only outside the investigation steps) go to "Additional queries".
 */
export function buildGuide(draft: RuleDraft, idOf: (entry: number) => string | undefined): GuideBuild {
  const { identity, outline, record } = draft;
  const labelOf = (i: number): string => draft.entries[i]?.label ?? '';
  const placed = new Set<number>();
  const steps = toSteps(outline.steps, idOf, labelOf, placed);
  const rest = draft.entries.map((_, i) => i).filter((i) => !placed.has(i) && idOf(i) !== undefined);
  if (rest.length > 0) steps.push({ text: { en: ADDITIONAL_QUERIES }, queries: unique(rest.map((i) => idOf(i) as string)), steps: [] });
  if (steps.length === 0) steps.push({ text: { en: 'Review the alert and its context; the note lists no investigation steps.' }, queries: [], steps: [] });

  const used = new Set(draft.entries.map((_, i) => i).filter((i) => idOf(i) !== undefined));
  const fields = [...new Set([...used].flatMap((i) => { const e = draft.entries[i]; return e?.ok ? e.fields : []; }))].sort();
  const summary = outline.summary || firstParagraph(record.description) || identity.name;

  const parsed = Guide.safeParse({
    rule_id: identity.ruleId,
    name: { en: identity.name },
    languages: ['en'],
    severity: identity.severity,
    risk_score: identity.riskScore,
    mitre: identity.mitre,
    platforms: identity.platforms,
    tags: identity.tags,
    fields,
    summary: { en: summary },
    steps,
    false_positives: outline.falsePositives.map((t) => ({ en: t })),
    related_rules: outline.related.map((r) => ({ ...(r.ruleId ? { rule_id: r.ruleId } : {}), name: { en: r.name } })),
    response: checklist(outline.response),
    origin: record.origin,
  });
  if (!parsed.success) {
    return { ok: false, reason: `not a valid guide: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  }
  return { ok: true, guide: parsed.data };
}

function toSteps(nodes: StepNode[], idOf: (i: number) => string | undefined, labelOf: (i: number) => string, placed: Set<number>): Step[] {
  const steps: Step[] = [];
  for (const node of nodes) {
    for (const r of node.refs) placed.add(r);
    const ids = unique(node.refs.map(idOf).filter((id): id is string => id !== undefined));
    const children = toSteps(node.children, idOf, labelOf, placed);
    let text = node.text;
    if (text === '') {
      if (ids.length === 0 && children.length === 0) continue;
      text = unique(node.refs.filter((r) => idOf(r) !== undefined).map(labelOf)).join('; ') || 'Run the queries below';
    }
    steps.push({ text: { en: text }, queries: ids, steps: children });
  }
  return steps;
}

/** Response bullets as checklist items with unique slug ids. */
export function checklist(items: string[]): ChecklistItem[] {
  const seen = new Set<string>();
  return items.map((text) => {
    const base = slug(text, 40) || 'item';
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return { id, text: { en: text } };
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function firstParagraph(text: unknown): string {
  return typeof text === 'string' ? (text.trim().split(/\n\s*\n/)[0] ?? '').replace(/\s+/g, ' ').trim() : '';
}
