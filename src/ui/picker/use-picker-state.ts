import type { Key } from 'ink';
import type { Alert } from '../../alert/types.js';
import { alertUser } from '../alert-facts.js';
import { editText, inputValue, textInput, type TextInputState } from '../components/text-input.js';
import { commandFor, eachPress } from '../keys.js';

/** The alert list: a filter typed as you go, a cursor over the alerts that match, and which sequences are unfolded. */
export interface PickerState {
  filter: TextInputState;
  /** Index into the filtered list. */
  cursor: number;
  /** Indexes (into the input alerts) whose building blocks are shown. */
  expanded: number[];
}

export type PickerEffect = { kind: 'open'; index: number } | { kind: 'quit' };

export const initialPickerState: PickerState = { filter: textInput(), cursor: 0, expanded: [] };

/** One line of the list: an alert, its folded building blocks, or one unfolded building block. */
export type PickerLine =
  | { kind: 'alert'; index: number; position: number }
  | { kind: 'folded'; index: number; count: number }
  | { kind: 'block'; index: number; block: Alert };

function haystack(alert: Alert): string {
  const parts = [alert.rule.ruleName, alert.rule.ruleId, alert.rule.severity, alert.host, alertUser(alert), alert.timestamp];
  for (const block of alert.buildingBlocks) parts.push(block.rule.ruleName, block.host, alertUser(block));
  return parts.filter((p) => p !== undefined).join('\n').toLowerCase();
}

/** Indexes of the alerts matching every word of the filter, in input order. */
export function filterAlerts(alerts: readonly Alert[], filter: string): number[] {
  const words = filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const out: number[] = [];
  alerts.forEach((alert, i) => {
    if (words.length === 0) {
      out.push(i);
      return;
    }
    const text = haystack(alert);
    if (words.every((w) => text.includes(w))) out.push(i);
  });
  return out;
}

export function pickerLines(alerts: readonly Alert[], matching: readonly number[], expanded: readonly number[]): PickerLine[] {
  const lines: PickerLine[] = [];
  matching.forEach((index, position) => {
    const alert = alerts[index];
    if (!alert) return;
    lines.push({ kind: 'alert', index, position });
    if (alert.buildingBlocks.length === 0) return;
    if (expanded.includes(index)) for (const block of alert.buildingBlocks) lines.push({ kind: 'block', index, block });
    else lines.push({ kind: 'folded', index, count: alert.buildingBlocks.length });
  });
  return lines;
}

export interface PickerContext {
  alerts: readonly Alert[];
  pageSize: number;
}

/** Key handling without rendering: the next state and what the screen should do. */
export function handlePickerKey(state: PickerState, input: string, key: Key, ctx: PickerContext): { state: PickerState; effect?: PickerEffect } {
  // Text typed with Enter in one read ("susp\r") filters, then opens; text itself is always filter text here.
  return eachPress<{ state: PickerState; effect?: PickerEffect }>({ state }, input, key, () => true, (o, i, k) => (o.effect ? o : oneKey(o.state, i, k, ctx)));
}

function oneKey(state: PickerState, input: string, key: Key, ctx: PickerContext): { state: PickerState; effect?: PickerEffect } {
  const matching = filterAlerts(ctx.alerts, inputValue(state.filter));
  const last = Math.max(0, matching.length - 1);
  const move = (cursor: number): { state: PickerState } => ({ state: { ...state, cursor: Math.max(0, Math.min(last, cursor)) } });
  switch (commandFor('picker', input, key)) {
    case 'up':
      return move(state.cursor - 1);
    case 'down':
      return move(state.cursor + 1);
    case 'page-up':
      return move(state.cursor - Math.max(1, ctx.pageSize));
    case 'page-down':
      return move(state.cursor + Math.max(1, ctx.pageSize));
    case 'first':
      return move(0);
    case 'last':
      return move(last);
    case 'open': {
      const index = matching[state.cursor];
      return index === undefined ? { state } : { state, effect: { kind: 'open', index } };
    }
    case 'toggle-blocks': {
      const index = matching[state.cursor];
      if (index === undefined) return { state };
      const expanded = state.expanded.includes(index) ? state.expanded.filter((i) => i !== index) : [...state.expanded, index];
      return { state: { ...state, expanded } };
    }
    case 'back':
      return state.filter.chars.length > 0 ? { state: { ...state, filter: textInput(), cursor: 0 } } : { state, effect: { kind: 'quit' } };
    case 'interrupt':
      return { state, effect: { kind: 'quit' } };
    default: {
      const filter = editText(state.filter, input, key);
      if (filter === state.filter) return { state };
      return { state: { ...state, filter, cursor: 0 } };
    }
  }
}
