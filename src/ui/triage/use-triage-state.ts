import type { Key } from 'ink';
import { VERDICTS, type QueryRecord, type Session, type Verdict } from '../../triage/model.js';
import { textInput, type TextInputState } from '../components/text-input.js';
import { keepInView } from '../components/scroll.js';
import { commandFor, eachPress, helpLines, type Command, type Scope } from '../keys.js';
import { clamp, close, noteKey, rowKey, same, valueKey, verdictKey } from './modal-keys.js';
import { nextSelectable, noteTarget, type OutlineItem } from './outline.js';

export type Focus = 'outline' | 'detail';

/** What sits over the panes: nothing, the key list, one row whole, or a prompt. */
export type Modal =
  | { kind: 'none' }
  | { kind: 'help'; scroll: number }
  | { kind: 'row'; index: number; scroll: number }
  | { kind: 'value'; queryId: string; fields: string[]; step: number; values: Record<string, string>; input: TextInputState; confirming: boolean }
  | { kind: 'note'; target: string; input: TextInputState }
  | { kind: 'verdict'; choice: number; reasoning: boolean; input: TextInputState; missingReason: boolean }
  | { kind: 'quit' };

export interface TriageView {
  focus: Focus;
  /** Index into the outline items (always a selectable one). */
  cursor: number;
  /** Which run of a fanned-out query the detail pane shows. */
  runIndex: number;
  /** Result table: cursor row, first visible row, first visible column. */
  table: { row: number; top: number; left: number };
  sqlExpanded: boolean;
  modal: Modal;
}

/** What a key asks the world to do; the input hook hands these to the controller or the router. */
export type TriageEffect =
  | { kind: 'run-all' }
  | { kind: 'run-query'; queryId: string }
  | { kind: 'enter-values'; queryId: string; values: Record<string, string> }
  | { kind: 'toggle'; id: string; checked: boolean }
  | { kind: 'note'; target: string; text: string }
  | { kind: 'verdict'; value: Verdict; reason: string }
  | { kind: 'export' }
  | { kind: 'quit' };

export interface TriageContext {
  items: readonly OutlineItem[];
  session: Session;
  /** Queries are running (quitting asks first). */
  running: boolean;
  /** Rows and columns of the result shown in the detail pane. */
  rowCount: number;
  columnCount: number;
  tableHeight: number;
  outlineHeight: number;
  rowViewHeight: number;
}

export interface KeyOutcome {
  view: TriageView;
  effects: TriageEffect[];
}

export function initialTriageView(items: readonly OutlineItem[]): TriageView {
  return { focus: 'outline', cursor: nextSelectable(items, 0, 1), runIndex: 0, table: { row: 0, top: 0, left: 0 }, sqlExpanded: false, modal: { kind: 'none' } };
}

/** The scope a key press lands in, given what is open. */
export function triageScope(view: TriageView): Scope {
  switch (view.modal.kind) {
    case 'none':
      return view.focus;
    case 'help':
      return 'help';
    case 'row':
      return 'row';
    case 'quit':
      return 'quit';
    case 'verdict':
      return view.modal.reasoning ? 'prompt' : 'verdict';
    case 'value':
    case 'note':
      return 'prompt';
  }
}

export function selectedQuery(view: TriageView, ctx: Pick<TriageContext, 'items' | 'session'>): QueryRecord | undefined {
  const item = ctx.items[view.cursor];
  return item?.kind === 'query' ? ctx.session.queries.find((q) => q.id === item.queryId) : undefined;
}


/** Key handling of the triage screen, without rendering: next view state plus effects. */
export function handleTriageKey(view: TriageView, input: string, key: Key, ctx: TriageContext): KeyOutcome {
  // Several keys in one read are pressed one by one; text stays whole in a prompt (typed or pasted).
  return eachPress<KeyOutcome>(
    { view, effects: [] },
    input,
    key,
    (o) => triageScope(o.view) === 'prompt',
    (o, i, k) => {
      const next = handleOneKey(o.view, i, k, ctx);
      return { view: next.view, effects: [...o.effects, ...next.effects] };
    },
  );
}

function handleOneKey(view: TriageView, input: string, key: Key, ctx: TriageContext): KeyOutcome {
  const scope = triageScope(view);
  const command = commandFor(scope, input, key);
  if (command === 'interrupt') return { view, effects: [{ kind: 'quit' }] };
  switch (view.modal.kind) {
    case 'help': {
      if (command === 'back' || command === 'quit' || command === 'help') return same(close(view));
      const page = Math.max(1, ctx.rowViewHeight - 2);
      const step = command === 'up' ? -1 : command === 'down' ? 1 : command === 'page-up' ? -page : command === 'page-down' ? page : 0;
      const last = Math.max(0, helpLines(String, String).length - page);
      return same(step === 0 ? view : { ...view, modal: { kind: 'help', scroll: clamp(view.modal.scroll + step, 0, last) } });
    }
    case 'quit':
      if (command === 'quit') return { view: close(view), effects: [{ kind: 'quit' }] };
      return command === 'back' ? same(close(view)) : same(view);
    case 'row':
      return rowKey(view, view.modal, command, ctx);
    case 'value':
      return valueKey(view, view.modal, command, input, key);
    case 'note':
      return noteKey(view, view.modal, command, input, key);
    case 'verdict':
      return verdictKey(view, view.modal, command, input, key);
    case 'none':
      break;
  }
  return view.focus === 'outline' ? outlineKey(view, command, ctx) : detailKey(view, command, ctx);
}


function select(view: TriageView, cursor: number): TriageView {
  if (cursor === view.cursor) return view;
  return { ...view, cursor, runIndex: 0, table: { row: 0, top: 0, left: 0 }, sqlExpanded: false };
}

function moveCursor(view: TriageView, to: number, direction: 1 | -1, ctx: TriageContext): TriageView {
  const target = clamp(to, 0, Math.max(0, ctx.items.length - 1));
  return select(view, nextSelectable(ctx.items, target, direction));
}

/** Commands that mean the same in both panes. */
function common(view: TriageView, command: Command | undefined, ctx: TriageContext): KeyOutcome | undefined {
  const item = ctx.items[view.cursor];
  const query = selectedQuery(view, ctx);
  switch (command) {
    case 'run':
      return query ? runOrPrompt(view, query, ctx) : same(view);
    case 'run-all':
      return { view, effects: [{ kind: 'run-all' }] };
    case 'tick': {
      if (item?.kind !== 'checklist') return same(view);
      const checked = ctx.session.checklist.find((c) => c.id === item.id)?.checked ?? false;
      return { view, effects: [{ kind: 'toggle', id: item.id, checked: !checked }] };
    }
    case 'note': {
      const target = noteTarget(item);
      if (target === undefined) return same(view);
      const existing = ctx.session.notes.find((n) => n.target === target)?.text ?? '';
      return same({ ...view, modal: { kind: 'note', target, input: textInput(existing) } });
    }
    case 'verdict': {
      const current = ctx.session.verdict;
      const choice = current ? Math.max(0, VERDICTS.indexOf(current.value)) : VERDICTS.length - 1;
      return same({ ...view, modal: { kind: 'verdict', choice, reasoning: false, input: textInput(current?.reason ?? ''), missingReason: false } });
    }
    case 'export':
      return { view, effects: [{ kind: 'export' }] };
    case 'help':
      return same({ ...view, modal: { kind: 'help', scroll: 0 } });
    case 'quit':
      return ctx.running ? same({ ...view, modal: { kind: 'quit' } }) : { view, effects: [{ kind: 'quit' }] };
    case 'next-waiting': {
      const n = ctx.items.length;
      for (let step = 1; step <= n; step++) {
        const i = (view.cursor + step) % n;
        const candidate = ctx.items[i];
        if (candidate?.kind === 'query' && ctx.session.queries.find((q) => q.id === candidate.queryId)?.status === 'waiting') {
          return same(select(view, i));
        }
      }
      return same(view);
    }
    case 'next-run':
    case 'prev-run': {
      if (!query || query.runs.length < 2) return same(view);
      const runIndex = clamp(view.runIndex + (command === 'next-run' ? 1 : -1), 0, query.runs.length - 1);
      return same(runIndex === view.runIndex ? view : { ...view, runIndex, table: { row: 0, top: 0, left: 0 } });
    }
    default:
      return undefined;
  }
}

function runOrPrompt(view: TriageView, query: QueryRecord, ctx: TriageContext): KeyOutcome {
  if (query.status === 'waiting') {
    const fields = query.missing.length > 0 ? query.missing : query.fields;
    const first = fields[0] ?? '';
    const prior = ctx.session.enteredFields[first]?.[0] ?? '';
    return same({ ...view, modal: { kind: 'value', queryId: query.id, fields, step: 0, values: {}, input: textInput(prior), confirming: false } });
  }
  if (query.status === 'running' || query.runs.length === 0 || query.runs.every((r) => r.status === 'blocked')) return same(view);
  return { view, effects: [{ kind: 'run-query', queryId: query.id }] };
}

function outlineKey(view: TriageView, command: Command | undefined, ctx: TriageContext): KeyOutcome {
  switch (command) {
    case 'up':
      return same(moveCursor(view, view.cursor - 1, -1, ctx));
    case 'down':
      return same(moveCursor(view, view.cursor + 1, 1, ctx));
    case 'page-up':
      return same(moveCursor(view, view.cursor - Math.max(1, ctx.outlineHeight - 1), -1, ctx));
    case 'page-down':
      return same(moveCursor(view, view.cursor + Math.max(1, ctx.outlineHeight - 1), 1, ctx));
    case 'first':
      return same(moveCursor(view, 0, 1, ctx));
    case 'last':
      return same(moveCursor(view, ctx.items.length - 1, -1, ctx));
    case 'right':
    case 'switch-pane':
      return same({ ...view, focus: 'detail' });
    case 'open': {
      const item = ctx.items[view.cursor];
      const query = selectedQuery(view, ctx);
      if (query) return runOrPrompt(view, query, ctx);
      if (item?.kind === 'checklist') return common(view, 'tick', ctx) ?? same(view);
      return same(view);
    }
    default:
      return common(view, command, ctx) ?? same(view);
  }
}

function detailKey(view: TriageView, command: Command | undefined, ctx: TriageContext): KeyOutcome {
  const last = Math.max(0, ctx.rowCount - 1);
  const moveRow = (row: number): KeyOutcome => {
    const r = clamp(row, 0, last);
    return same({ ...view, table: { ...view.table, row: r, top: keepInView(view.table.top, r, ctx.tableHeight, ctx.rowCount) } });
  };
  switch (command) {
    case 'up':
      return moveRow(view.table.row - 1);
    case 'down':
      return moveRow(view.table.row + 1);
    case 'page-up':
      return moveRow(view.table.row - Math.max(1, ctx.tableHeight));
    case 'page-down':
      return moveRow(view.table.row + Math.max(1, ctx.tableHeight));
    case 'first':
      return moveRow(0);
    case 'last':
      return moveRow(last);
    case 'left':
      return same({ ...view, table: { ...view.table, left: clamp(view.table.left - 1, 0, Math.max(0, ctx.columnCount - 1)) } });
    case 'right':
      return same({ ...view, table: { ...view.table, left: clamp(view.table.left + 1, 0, Math.max(0, ctx.columnCount - 1)) } });
    case 'toggle-sql':
      return same({ ...view, sqlExpanded: !view.sqlExpanded });
    case 'switch-pane':
    case 'back':
      return same({ ...view, focus: 'outline' });
    case 'open': {
      if (ctx.rowCount > 0) return same({ ...view, modal: { kind: 'row', index: clamp(view.table.row, 0, last), scroll: 0 } });
      const query = selectedQuery(view, ctx);
      return query ? runOrPrompt(view, query, ctx) : same(view);
    }
    default:
      return common(view, command, ctx) ?? same(view);
  }
}
