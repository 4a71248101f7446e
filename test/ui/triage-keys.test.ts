import { describe, expect, test } from 'vitest';
import type { Session } from '../../src/triage/model.js';
import { reduceSession } from '../../src/triage/reducer.js';
import { inputValue } from '../../src/ui/components/text-input.js';
import { buildOutline } from '../../src/ui/triage/outline.js';
import { handleTriageKey, initialTriageView, type TriageContext, type TriageEffect, type TriageView } from '../../src/ui/triage/use-triage-state.js';
import { testSession } from './fixtures.js';
import { K, key } from './keypress.js';

function context(session: Session, extra: Partial<TriageContext> = {}): TriageContext {
  return { items: buildOutline(session, 'en'), session, running: false, rowCount: 0, columnCount: 0, tableHeight: 5, outlineHeight: 10, rowViewHeight: 10, ...extra };
}

/** Feed keys (strings are typed text, one character each) and collect the effects. */
function drive(view: TriageView, ctx: TriageContext, ...keys: (string | ReturnType<typeof key>)[]): { view: TriageView; effects: TriageEffect[] } {
  const effects: TriageEffect[] = [];
  for (const k of keys) {
    const presses = typeof k === 'string' ? [...k].map((ch) => [ch, key()] as const) : [['', k] as const];
    for (const [input, kk] of presses) {
      const out = handleTriageKey(view, input, kk, ctx);
      view = out.view;
      effects.push(...out.effects);
    }
  }
  return { view, effects };
}

const itemAt = (ctx: TriageContext, view: TriageView) => ctx.items[view.cursor];

describe('outline navigation', () => {
  test('starts on the first step and skips section headings both ways', () => {
    const ctx = context(testSession());
    const start = initialTriageView(ctx.items);
    expect(itemAt(ctx, start)).toMatchObject({ kind: 'step', path: '1' });
    const { view } = drive(start, ctx, K.end);
    expect(itemAt(ctx, view)).toMatchObject({ kind: 'checklist', id: 'reset-credentials' });
    const back = drive(view, ctx, K.up, K.up, K.up);
    expect(itemAt(ctx, back.view)).toMatchObject({ kind: 'false-positive' });
    expect(drive(start, ctx, K.up).view.cursor).toBe(start.cursor);
  });

  test('w jumps to the next query waiting for a value', () => {
    const ctx = context(testSession());
    const { view } = drive(initialTriageView(ctx.items), ctx, 'w');
    expect(itemAt(ctx, view)).toMatchObject({ kind: 'query', queryId: 'file-info' });
  });

  test('moving to another item resets the table window and run', () => {
    const ctx = context(testSession(), { rowCount: 100 });
    let view = drive(initialTriageView(ctx.items), ctx, K.down, K.tab, ']', K.pageDown).view;
    expect(view.table.row).toBe(5);
    expect(view.runIndex).toBe(1);
    view = drive(view, ctx, K.tab, K.down).view;
    expect(view.table).toEqual({ row: 0, top: 0, left: 0 });
    expect(view.runIndex).toBe(0);
  });
});

describe('running', () => {
  test('a runs every ready query; Enter and r run the selected one', () => {
    const ctx = context(testSession());
    const start = initialTriageView(ctx.items);
    expect(drive(start, ctx, 'a').effects).toEqual([{ kind: 'run-all' }]);
    expect(drive(start, ctx, K.down, K.enter).effects).toEqual([{ kind: 'run-query', queryId: 'proc-by-name' }]);
    expect(drive(start, ctx, K.down, 'r').effects).toEqual([{ kind: 'run-query', queryId: 'proc-by-name' }]);
  });

  test('a waiting query prompts for each missing field, previews, and records only on confirmation', () => {
    const ctx = context(testSession());
    let { view, effects } = drive(initialTriageView(ctx.items), ctx, 'w', K.enter);
    expect(view.modal).toMatchObject({ kind: 'value', fields: ['file.path'], confirming: false });
    expect(effects).toEqual([]);
    ({ view, effects } = drive(view, ctx, "/tmp/o'x", K.backspace, 'y', K.enter));
    expect(view.modal).toMatchObject({ kind: 'value', confirming: true, values: { 'file.path': "/tmp/o'y" } });
    expect(effects).toEqual([]);
    // Esc goes back to editing with the value kept; Enter twice confirms.
    ({ view } = drive(view, ctx, K.esc));
    expect(view.modal.kind === 'value' && inputValue(view.modal.input)).toBe("/tmp/o'y");
    ({ view, effects } = drive(view, ctx, K.enter, K.enter));
    expect(effects).toEqual([{ kind: 'enter-values', queryId: 'file-info', values: { 'file.path': "/tmp/o'y" } }]);
    expect(view.modal.kind).toBe('none');
  });

  test('an empty value is not accepted; Esc cancels without effects', () => {
    const ctx = context(testSession());
    let { view, effects } = drive(initialTriageView(ctx.items), ctx, 'w', K.enter, K.enter);
    expect(view.modal).toMatchObject({ kind: 'value', confirming: false });
    ({ view, effects } = drive(view, ctx, K.esc));
    expect(view.modal.kind).toBe('none');
    expect(effects).toEqual([]);
  });

  test('a blocked query does not run', () => {
    const session = testSession();
    const blocked: Session = { ...session, queries: session.queries.map((q) => (q.id === 'all-users' ? { ...q, status: 'blocked' as const, runs: q.runs.map((r) => ({ ...r, status: 'blocked' as const })) } : q)) };
    const ctx = context(blocked);
    const at = ctx.items.findIndex((i) => i.kind === 'query' && i.queryId === 'all-users');
    expect(drive({ ...initialTriageView(ctx.items), cursor: at }, ctx, 'r').effects).toEqual([]);
  });
});

describe('checklist, notes, verdict', () => {
  test('space ticks and unticks a checklist item according to the session', () => {
    const session = testSession();
    const ctx = context(session);
    const view = drive(initialTriageView(ctx.items), ctx, K.end).view;
    expect(drive(view, ctx, ' ').effects).toEqual([{ kind: 'toggle', id: 'reset-credentials', checked: true }]);
    const ticked = reduceSession(session, { type: 'checklist-toggled', id: 'reset-credentials', checked: true, at: 'now' });
    expect(drive(view, context(ticked), ' ').effects).toEqual([{ kind: 'toggle', id: 'reset-credentials', checked: false }]);
    // Space on a step does nothing.
    expect(drive(initialTriageView(ctx.items), ctx, ' ').effects).toEqual([]);
  });

  test('n edits the note of the selected item, prefilled with the existing one', () => {
    const session = reduceSession(testSession(), { type: 'note-set', target: 'query:proc-by-name', text: 'seen before', at: 'now' });
    const ctx = context(session);
    let { view } = drive(initialTriageView(ctx.items), ctx, K.down, 'n');
    expect(view.modal.kind === 'note' && inputValue(view.modal.input)).toBe('seen before');
    const done = drive(view, ctx, ' on 3 hosts', K.enter);
    expect(done.effects).toEqual([{ kind: 'note', target: 'query:proc-by-name', text: 'seen before on 3 hosts' }]);
    ({ view } = drive(initialTriageView(ctx.items), ctx, 'n', 'x', K.esc));
    expect(view.modal.kind).toBe('none');
  });

  test('v chooses a verdict, then insists on a reason', () => {
    const ctx = context(testSession());
    let { view, effects } = drive(initialTriageView(ctx.items), ctx, 'v');
    expect(view.modal).toMatchObject({ kind: 'verdict', choice: 3, reasoning: false });
    ({ view, effects } = drive(view, ctx, K.up, K.up, K.enter, K.enter));
    expect(view.modal).toMatchObject({ kind: 'verdict', choice: 1, reasoning: true, missingReason: true });
    expect(effects).toEqual([]);
    ({ view, effects } = drive(view, ctx, 'admin upgrade', K.enter));
    expect(effects).toEqual([{ kind: 'verdict', value: 'benign-true-positive', reason: 'admin upgrade' }]);
    expect(view.modal.kind).toBe('none');
  });
});

describe('result table and row view', () => {
  test('the cursor moves within the rows and the window follows it', () => {
    const ctx = context(testSession(), { rowCount: 100_000, columnCount: 4, tableHeight: 10 });
    let { view } = drive(initialTriageView(ctx.items), ctx, K.tab, K.end);
    expect(view.table).toEqual({ row: 99_999, top: 99_990, left: 0 });
    ({ view } = drive(view, ctx, K.home, K.pageDown, K.down, K.right, K.right, K.right, K.right));
    expect(view.table).toEqual({ row: 11, top: 2, left: 3 });
  });

  test('Enter opens the row whole; arrows page through rows; Esc closes on the row last seen', () => {
    const ctx = context(testSession(), { rowCount: 3, columnCount: 4 });
    let { view } = drive(initialTriageView(ctx.items), ctx, K.tab, K.down, K.enter);
    expect(view.modal).toEqual({ kind: 'row', index: 1, scroll: 0 });
    ({ view } = drive(view, ctx, K.right, K.right, K.down));
    expect(view.modal).toEqual({ kind: 'row', index: 2, scroll: 1 });
    ({ view } = drive(view, ctx, K.esc));
    expect(view.modal.kind).toBe('none');
    expect(view.table.row).toBe(2);
  });
});

describe('leaving', () => {
  test('q quits at once when nothing runs, asks once when queries are running', () => {
    const ctx = context(testSession());
    expect(drive(initialTriageView(ctx.items), ctx, 'q').effects).toEqual([{ kind: 'quit' }]);
    const busy = context(testSession(), { running: true });
    const asked = drive(initialTriageView(busy.items), busy, 'q');
    expect(asked.view.modal.kind).toBe('quit');
    expect(asked.effects).toEqual([]);
    expect(drive(asked.view, busy, K.esc).view.modal.kind).toBe('none');
    expect(drive(asked.view, busy, 'q').effects).toEqual([{ kind: 'quit' }]);
  });

  test('Ctrl-C quits from anywhere, even a prompt', () => {
    const ctx = context(testSession());
    const prompt = drive(initialTriageView(ctx.items), ctx, 'n').view;
    expect(handleTriageKey(prompt, 'c', key({ ctrl: true }), ctx).effects).toEqual([{ kind: 'quit' }]);
  });

  test('keys that arrive together are pressed one by one; after n they are the note\'s text', () => {
    const ctx = context(testSession());
    const together = handleTriageKey(initialTriageView(ctx.items), 'G ', key({ shift: true }), ctx);
    expect(together.effects).toEqual([{ kind: 'toggle', id: 'reset-credentials', checked: true }]);
    const typed = handleTriageKey(initialTriageView(ctx.items), 'nseen', key(), ctx);
    expect(typed.view.modal.kind === 'note' && inputValue(typed.view.modal.input)).toBe('seen');
    // A note and its Enter in one read: typed, then saved.
    const saved = handleTriageKey(initialTriageView(ctx.items), 'nseen twice\r', key(), ctx);
    expect(saved.effects).toEqual([{ kind: 'note', target: 'step:1', text: 'seen twice' }]);
    // Backspace and Tab inside a run are keys too.
    const edited = handleTriageKey(initialTriageView(ctx.items), 'nab\u007fc', key(), ctx);
    expect(edited.view.modal.kind === 'note' && inputValue(edited.view.modal.input)).toBe('ac');
    expect(handleTriageKey(initialTriageView(ctx.items), 'j\t', key(), ctx).view.focus).toBe('detail');
  });

  test('letters typed into a prompt are text, not commands', () => {
    const ctx = context(testSession());
    const { view, effects } = drive(initialTriageView(ctx.items), ctx, 'n', 'quit and export?', K.enter);
    expect(view.modal.kind).toBe('none');
    expect(effects).toEqual([{ kind: 'note', target: 'step:1', text: 'quit and export?' }]);
  });
});
