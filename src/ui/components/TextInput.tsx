import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';
import { cellWidth } from '../text-width.js';
import type { TextInputState } from './text-input.js';

export interface TextInputProps {
  state: TextInputState;
  /** Cells available; the view scrolls so the cursor stays visible. */
  width: number;
  placeholder?: string;
}

/** One editable line with a block cursor. Input handling lives in the owning screen's input hook. */
export function TextInput({ state, width, placeholder }: TextInputProps): ReactNode {
  const { theme } = useUi();
  const { chars, cursor } = state;
  if (chars.length === 0 && placeholder !== undefined) {
    return (
      <Text>
        <Text {...theme.cursor}> </Text>
        <Text {...theme.text.muted}>{placeholder}</Text>
      </Text>
    );
  }
  // Scroll left until the cursor fits.
  let start = 0;
  const widthTo = (from: number, to: number): number => cellWidth(chars.slice(from, to).join(''));
  while (start < cursor && widthTo(start, cursor) + 1 > width) start++;
  const before = chars.slice(start, cursor).join('');
  const at = chars[cursor] ?? ' ';
  let used = cellWidth(before) + cellWidth(at);
  let end = cursor + 1;
  while (end < chars.length && used + cellWidth(chars[end] ?? '') <= width) {
    used += cellWidth(chars[end] ?? '');
    end++;
  }
  const after = chars.slice(cursor + 1, end).join('');
  return (
    <Text {...theme.input}>
      {before}
      <Text {...theme.cursor}>{at}</Text>
      {after}
    </Text>
  );
}
