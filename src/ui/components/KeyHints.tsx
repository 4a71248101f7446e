import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';
import { hintsFor, keyLabel, type Scope } from '../keys.js';
import { cellWidth } from '../text-width.js';

/** The footer line: the keys that matter in a scope, taken from the binding table, as many as fit. */
export function KeyHints({ scope, width }: { scope: Scope; width: number }): ReactNode {
  const { strings, theme } = useUi();
  const parts: { key: string; text: string }[] = [];
  let used = 0;
  for (const binding of [...hintsFor(scope)]) {
    const key = keyLabel(binding, true);
    const text = strings.commands[binding.command];
    const w = cellWidth(key) + 1 + cellWidth(text) + 2;
    if (used + w > width) break;
    used += w;
    parts.push({ key, text });
  }
  return (
    <Text wrap="truncate-end">
      {parts.map((p, i) => (
        <Text key={`${p.key}-${i}`}>
          <Text {...theme.text.key}>{p.key}</Text>
          <Text {...theme.text.muted}>{` ${p.text}  `}</Text>
        </Text>
      ))}
    </Text>
  );
}
