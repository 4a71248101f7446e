import type { Key } from 'ink';
import { VERDICTS } from '../../triage/model.js';
import { editText, inputValue, textInput } from '../components/text-input.js';
import { keepInView } from '../components/scroll.js';
import type { Command } from '../keys.js';
import type { KeyOutcome, Modal, TriageContext, TriageView } from './use-triage-state.js';

/** Keys while something is open over the panes: one row whole, the value prompt, a note, the verdict. */

export const same = (view: TriageView): KeyOutcome => ({ view, effects: [] });
export const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

export function close(view: TriageView): TriageView {
  return { ...view, modal: { kind: 'none' } };
}

export function rowKey(view: TriageView, modal: Extract<Modal, { kind: 'row' }>, command: Command | undefined, ctx: TriageContext): KeyOutcome {
  const last = Math.max(0, ctx.rowCount - 1);
  const page = Math.max(1, ctx.rowViewHeight - 1);
  const set = (index: number, scroll: number): KeyOutcome => {
    const i = clamp(index, 0, last);
    // The table cursor follows, so closing the row view leaves the table on the row last seen.
    const table = { ...view.table, row: i, top: keepInView(view.table.top, i, ctx.tableHeight, ctx.rowCount) };
    return same({ ...view, table, modal: { kind: 'row', index: i, scroll: Math.max(0, scroll) } });
  };
  switch (command) {
    case 'up':
      return set(modal.index, modal.scroll - 1);
    case 'down':
      return set(modal.index, modal.scroll + 1);
    case 'page-up':
      return set(modal.index, modal.scroll - page);
    case 'page-down':
      return set(modal.index, modal.scroll + page);
    case 'left':
      return set(modal.index - 1, 0);
    case 'right':
      return set(modal.index + 1, 0);
    case 'back':
    case 'quit':
      return same(close(view));
    default:
      return same(view);
  }
}

export function valueKey(view: TriageView, modal: Extract<Modal, { kind: 'value' }>, command: Command | undefined, input: string, key: Key): KeyOutcome {
  if (modal.confirming) {
    if (command === 'submit') return { view: close(view), effects: [{ kind: 'enter-values', queryId: modal.queryId, values: modal.values }] };
    if (command === 'back') {
      const field = modal.fields[modal.step] ?? '';
      return same({ ...view, modal: { ...modal, confirming: false, input: textInput(modal.values[field] ?? '') } });
    }
    return same(view);
  }
  if (command === 'back') return same(close(view));
  if (command === 'submit') {
    const value = inputValue(modal.input);
    if (value === '') return same(view);
    const field = modal.fields[modal.step] ?? '';
    const values = { ...modal.values, [field]: value };
    const step = modal.step + 1;
    if (step < modal.fields.length) {
      const next = modal.fields[step] ?? '';
      return same({ ...view, modal: { ...modal, values, step, input: textInput(values[next] ?? '') } });
    }
    return same({ ...view, modal: { ...modal, values, confirming: true } });
  }
  const edited = editText(modal.input, input, key);
  return edited === modal.input ? same(view) : same({ ...view, modal: { ...modal, input: edited } });
}

export function noteKey(view: TriageView, modal: Extract<Modal, { kind: 'note' }>, command: Command | undefined, input: string, key: Key): KeyOutcome {
  if (command === 'back') return same(close(view));
  if (command === 'submit') return { view: close(view), effects: [{ kind: 'note', target: modal.target, text: inputValue(modal.input).trim() }] };
  const edited = editText(modal.input, input, key);
  return edited === modal.input ? same(view) : same({ ...view, modal: { ...modal, input: edited } });
}

export function verdictKey(view: TriageView, modal: Extract<Modal, { kind: 'verdict' }>, command: Command | undefined, input: string, key: Key): KeyOutcome {
  if (!modal.reasoning) {
    switch (command) {
      case 'up':
        return same({ ...view, modal: { ...modal, choice: clamp(modal.choice - 1, 0, VERDICTS.length - 1) } });
      case 'down':
        return same({ ...view, modal: { ...modal, choice: clamp(modal.choice + 1, 0, VERDICTS.length - 1) } });
      case 'submit':
        return same({ ...view, modal: { ...modal, reasoning: true } });
      case 'back':
        return same(close(view));
      default:
        return same(view);
    }
  }
  if (command === 'back') return same({ ...view, modal: { ...modal, reasoning: false, missingReason: false } });
  if (command === 'submit') {
    const reason = inputValue(modal.input).trim();
    const value = VERDICTS[modal.choice];
    if (reason === '' || value === undefined) return same({ ...view, modal: { ...modal, missingReason: true } });
    return { view: close(view), effects: [{ kind: 'verdict', value, reason }] };
  }
  const edited = editText(modal.input, input, key);
  return edited === modal.input ? same(view) : same({ ...view, modal: { ...modal, input: edited, missingReason: false } });
}
