import type { Key } from 'ink';
import { sanitize } from '../sanitize.js';

/** A one-line editor's state: the text as graphemes (so CJK and emoji move and delete as one), and the cursor. */
export interface TextInputState {
  chars: string[];
  cursor: number;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function textInput(initial = ''): TextInputState {
  // A note read back from session.json is text like any other: cleaned before it is edited or shown.
  const chars = Array.from(segmenter.segment(sanitize(initial)), (s) => s.segment);
  return { chars, cursor: chars.length };
}

export function inputValue(state: TextInputState): string {
  return state.chars.join('');
}

/**
 * Apply an editing key; returns the same object when the key is not an editing key, so callers can tell. Typed or
 * pasted text is sanitised here: a pasted escape sequence never reaches a note, a value or the screen.
 */
export function editText(state: TextInputState, input: string, key: Key): TextInputState {
  const { chars, cursor } = state;
  if (key.leftArrow) return { chars, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { chars, cursor: Math.min(chars.length, cursor + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { chars, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { chars, cursor: chars.length };
  if (key.ctrl && input === 'u') return { chars: chars.slice(cursor), cursor: 0 };
  if (key.backspace || key.delete) {
    // Terminals send DEL (0x7f) for Backspace and Ink reports it as `delete`, the same as the forward-delete key.
    if (cursor === 0) return state;
    return { chars: [...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor: cursor - 1 };
  }
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return state;
  if (input === '') return state;
  const clean = sanitize(input).replace(/[\u2400-\u241f\u2421␛↵]/g, '');
  if (clean === '') return state;
  const added = Array.from(segmenter.segment(clean), (s) => s.segment);
  return { chars: [...chars.slice(0, cursor), ...added, ...chars.slice(cursor)], cursor: cursor + added.length };
}
