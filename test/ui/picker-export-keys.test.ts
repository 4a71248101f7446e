import { describe, expect, test } from 'vitest';
import type { Alert } from '../../src/alert/types.js';
import { inputValue } from '../../src/ui/components/text-input.js';
import { handleExportKey, initialExportState } from '../../src/ui/export/use-export-state.js';
import { filterAlerts, handlePickerKey, initialPickerState, pickerLines, type PickerState } from '../../src/ui/picker/use-picker-state.js';
import { initialRoute, needsPicker, reduceRoute } from '../../src/ui/app-state.js';
import { testAlert } from './fixtures.js';
import { K, key } from './keypress.js';

const block = (n: number): Alert => testAlert({ id: `bb-${n}`, rule: { ruleName: 'Dynamic Linker Copy' }, host: `builder-${n}`, fields: { 'file.path': [`/tmp/ld-${n}.so`] } });
const alerts: Alert[] = [
  testAlert({ id: 'a1', rule: { ruleName: 'Dynamic Linker Copy', severity: 'high' }, host: 'ci-runner-07', buildingBlocks: [block(1), block(2)] }),
  testAlert({ id: 'a2', rule: { ruleName: 'Systemd Timer Created', severity: 'low' }, host: 'web-01' }),
  testAlert({ id: 'a3', rule: { ruleName: 'Setcap setuid/setgid Capability Set', severity: 'medium' }, host: 'db-02' }),
];

function type(state: PickerState, text: string): PickerState {
  for (const ch of text) state = handlePickerKey(state, ch, key(), { alerts, pageSize: 5 }).state;
  return state;
}

describe('alert picker', () => {
  test('the filter matches every word against rule, host, user and the folded building blocks', () => {
    expect(filterAlerts(alerts, '')).toEqual([0, 1, 2]);
    expect(filterAlerts(alerts, 'SYSTEMD web')).toEqual([1]);
    expect(filterAlerts(alerts, 'builder-2')).toEqual([0]);
    expect(filterAlerts(alerts, 'nothing-like-this')).toEqual([]);
  });

  test('building blocks stay folded under their shell until Tab unfolds them', () => {
    expect(pickerLines(alerts, [0, 1], []).map((l) => l.kind)).toEqual(['alert', 'folded', 'alert']);
    const state = handlePickerKey(initialPickerState, '', K.tab, { alerts, pageSize: 5 }).state;
    expect(pickerLines(alerts, [0, 1], state.expanded).map((l) => l.kind)).toEqual(['alert', 'block', 'block', 'alert']);
  });

  test('typing filters (letters are never commands), Enter opens the alert under the cursor', () => {
    let state = type(initialPickerState, 'setcap');
    expect(inputValue(state.filter)).toBe('setcap');
    expect(handlePickerKey(state, '', K.enter, { alerts, pageSize: 5 }).effect).toEqual({ kind: 'open', index: 2 });
    state = handlePickerKey(initialPickerState, '', K.down, { alerts, pageSize: 5 }).state;
    expect(handlePickerKey(state, '', K.enter, { alerts, pageSize: 5 }).effect).toEqual({ kind: 'open', index: 1 });
  });

  test('Esc clears the filter first, then quits; Enter on an empty list does nothing', () => {
    const state = type(initialPickerState, 'zzz');
    expect(handlePickerKey(state, '', K.enter, { alerts, pageSize: 5 }).effect).toBeUndefined();
    const cleared = handlePickerKey(state, '', K.esc, { alerts, pageSize: 5 });
    expect(cleared.effect).toBeUndefined();
    expect(inputValue(cleared.state.filter)).toBe('');
    expect(handlePickerKey(cleared.state, '', K.esc, { alerts, pageSize: 5 }).effect).toEqual({ kind: 'quit' });
  });

  test('a filter typed with its Enter in one read filters, then opens', () => {
    expect(handlePickerKey(initialPickerState, 'setcap\r', key(), { alerts, pageSize: 5 }).effect).toEqual({ kind: 'open', index: 2 });
  });

  test('a pasted escape sequence never reaches the filter', () => {
    const state = handlePickerKey(initialPickerState, 'ab\u001b[31mc', key(), { alerts, pageSize: 5 }).state;
    expect(inputValue(state.filter)).toBe('abc');
  });
});

describe('router', () => {
  test('the picker shows for several alerts or a folded sequence; a single plain alert opens at once', () => {
    expect(needsPicker(alerts)).toBe(true);
    expect(needsPicker([alerts[0] as Alert])).toBe(true);
    expect(initialRoute([alerts[1] as Alert], false)).toEqual({ screen: 'opening', index: 0 });
    expect(initialRoute([], false).screen).toBe('failed');
    expect(initialRoute(alerts, true)).toEqual({ screen: 'triage' });
  });

  test('a failed open goes back to the list only when there is one', () => {
    const failed = reduceRoute({ screen: 'opening', index: 1 }, { type: 'open-failed', message: 'no guide' }, alerts);
    expect(failed).toEqual({ screen: 'failed', message: 'no guide' });
    expect(reduceRoute(failed, { type: 'back' }, alerts)).toEqual({ screen: 'picker' });
    expect(reduceRoute(failed, { type: 'back' }, [alerts[1] as Alert])).toBe(failed);
    expect(reduceRoute({ screen: 'triage' }, { type: 'export' }, alerts)).toEqual({ screen: 'export' });
    expect(reduceRoute({ screen: 'export' }, { type: 'quit', code: 0 }, alerts)).toEqual({ screen: 'closing', code: 0 });
  });
});

describe('export screen keys', () => {
  test('all formats start ticked; space unticks; Enter exports the ticked ones in a stable order', () => {
    let state = handleExportKey(initialExportState, ' ', key()).state;
    expect(state.chosen).toEqual(['html', 'json']);
    state = handleExportKey(state, ' ', key()).state;
    const out = handleExportKey(state, '', K.enter);
    expect(out.effect).toEqual({ kind: 'export', formats: ['md', 'html', 'json'] });
    expect(out.state.phase).toBe('writing');
  });

  test('nothing ticked: Enter explains instead of exporting; keys wait while writing', () => {
    let state = initialExportState;
    for (let i = 0; i < 3; i++) {
      state = handleExportKey(state, ' ', key()).state;
      state = handleExportKey(state, '', K.down).state;
    }
    const out = handleExportKey(state, '', K.enter);
    expect(out.effect).toBeUndefined();
    expect(out.state.nothingChosen).toBe(true);
    const writing = { ...initialExportState, phase: 'writing' as const };
    expect(handleExportKey(writing, '', K.esc).effect).toBeUndefined();
    expect(handleExportKey(writing, 'c', key({ ctrl: true })).effect).toEqual({ kind: 'quit' });
  });
});
