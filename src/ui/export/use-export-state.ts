import type { Key } from 'ink';
import type { ExportFormat, ExportOutcome } from '../controller.js';
import { commandFor, eachPress } from '../keys.js';

export const FORMATS: readonly ExportFormat[] = ['md', 'html', 'json'];

export interface ExportState {
  chosen: ExportFormat[];
  cursor: number;
  phase: 'choose' | 'writing' | 'done';
  /** Set when Enter was pressed with no format ticked. */
  nothingChosen: boolean;
  outcome?: ExportOutcome;
}

export type ExportEffect = { kind: 'export'; formats: ExportFormat[] } | { kind: 'back' } | { kind: 'quit' };

export const initialExportState: ExportState = { chosen: [...FORMATS], cursor: 0, phase: 'choose', nothingChosen: false };

export function exportFinished(state: ExportState, outcome: ExportOutcome): ExportState {
  return { ...state, phase: 'done', outcome };
}

/** Key handling of the export screen, without rendering. */
export function handleExportKey(state: ExportState, input: string, key: Key): { state: ExportState; effect?: ExportEffect } {
  // Keys that arrived together: one at a time, up to the first that leaves the screen or exports.
  return eachPress<{ state: ExportState; effect?: ExportEffect }>({ state }, input, key, () => false, (o, i, k) => (o.effect ? o : oneKey(o.state, i, k)));
}

function oneKey(state: ExportState, input: string, key: Key): { state: ExportState; effect?: ExportEffect } {
  const command = commandFor('export', input, key);
  if (command === 'interrupt') return { state, effect: { kind: 'quit' } };
  if (state.phase === 'writing') return { state };
  if (state.phase === 'done') return command === 'back' || command === 'submit' ? { state, effect: { kind: 'back' } } : { state };
  switch (command) {
    case 'up':
      return { state: { ...state, cursor: Math.max(0, state.cursor - 1) } };
    case 'down':
      return { state: { ...state, cursor: Math.min(FORMATS.length - 1, state.cursor + 1) } };
    case 'tick': {
      const format = FORMATS[state.cursor];
      if (!format) return { state };
      const chosen = state.chosen.includes(format) ? state.chosen.filter((f) => f !== format) : FORMATS.filter((f) => f === format || state.chosen.includes(f));
      return { state: { ...state, chosen, nothingChosen: false } };
    }
    case 'submit':
      if (state.chosen.length === 0) return { state: { ...state, nothingChosen: true } };
      return { state: { ...state, phase: 'writing' }, effect: { kind: 'export', formats: state.chosen } };
    case 'back':
      return { state, effect: { kind: 'back' } };
    default:
      return { state };
  }
}
