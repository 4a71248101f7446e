import type { Language, Step } from '../../guide/model.js';
import { localize } from '../../guide/localize.js';
import type { QueryRecord, Session } from '../../triage/model.js';

/** One line of the guide outline. Headings are not selectable; everything else is. */
export type OutlineItem =
  | { kind: 'heading'; section: 'investigation' | 'false-positives' | 'response' }
  | { kind: 'step'; path: string; depth: number; step: Step }
  | { kind: 'query'; queryId: string; depth: number }
  | { kind: 'false-positive'; index: number; text: string }
  | { kind: 'checklist'; id: string; text: string };

/** The guide as a navigable outline: steps (depth first) with their queries, false positives, response checklist. */
export function buildOutline(session: Session, lang: Language): OutlineItem[] {
  const guide = session.guide.snapshot;
  const items: OutlineItem[] = [{ kind: 'heading', section: 'investigation' }];
  const known = new Set(session.queries.map((q) => q.id));
  const walk = (steps: Step[], prefix: string, depth: number): void => {
    steps.forEach((step, i) => {
      const path = prefix === '' ? String(i + 1) : `${prefix}.${i + 1}`;
      items.push({ kind: 'step', path, depth, step });
      for (const id of step.queries) if (known.has(id)) items.push({ kind: 'query', queryId: id, depth: depth + 1 });
      walk(step.steps, path, depth + 1);
    });
  };
  walk(guide.steps, '', 0);
  if (guide.false_positives.length > 0) {
    items.push({ kind: 'heading', section: 'false-positives' });
    guide.false_positives.forEach((text, index) => items.push({ kind: 'false-positive', index, text: localize(text, lang) }));
  }
  if (session.checklist.length > 0) {
    items.push({ kind: 'heading', section: 'response' });
    for (const c of session.checklist) items.push({ kind: 'checklist', id: c.id, text: localize(c.text, lang) });
  }
  return items;
}

export function isSelectable(item: OutlineItem | undefined): boolean {
  return item !== undefined && item.kind !== 'heading';
}

/** The nearest selectable index from `from` going in `direction`, or `from` when there is none. */
export function nextSelectable(items: readonly OutlineItem[], from: number, direction: 1 | -1): number {
  for (let i = from; i >= 0 && i < items.length; i += direction) if (isSelectable(items[i])) return i;
  for (let i = from; i >= 0 && i < items.length; i -= direction) if (isSelectable(items[i])) return i;
  return from;
}

/** Where a note about an outline item is kept (Note.target). */
export function noteTarget(item: OutlineItem | undefined): string | undefined {
  switch (item?.kind) {
    case 'query':
      return `query:${item.queryId}`;
    case 'step':
      return `step:${item.path}`;
    case 'checklist':
      return `item:${item.id}`;
    case 'false-positive':
      return 'session';
    default:
      return undefined;
  }
}

/** Row and flagged-row totals over a query's runs. */
export function queryCounts(query: QueryRecord): { rows: number; flagged: number } {
  let rows = 0;
  let flagged = 0;
  for (const run of query.runs) {
    rows += run.rowCount;
    const marked = new Set<number>();
    for (const f of run.findings) for (const r of f.rows) marked.add(r);
    flagged += marked.size;
  }
  return { rows, flagged };
}
