import { Box, Text, useInput } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from './context.js';
import { commandFor } from './keys.js';
import { sanitize } from './sanitize.js';
import { wrap } from './text-width.js';

/** A line while something happens behind the scenes (opening the alert, stopping queries). */
export function Message({ kind }: { kind: 'opening' | 'closing' }): ReactNode {
  const { strings, theme, size } = useUi();
  const text = kind === 'opening' ? strings.opening : strings.closing;
  return (
    <Box flexDirection="column" width={size.columns}>
      {wrap(text, size.columns).map((l, i) => (
        <Text key={i} {...theme.text.muted}>
          {l}
        </Text>
      ))}
    </Box>
  );
}

/** Opening failed (no guide, unreadable bundle...): the message, then back to the list or quit. */
export function Failed({ message, canGoBack, onBack, onQuit }: { message: string; canGoBack: boolean; onBack(): void; onQuit(): void }): ReactNode {
  const { strings, theme, size } = useUi();
  useInput(
    (input, key) => {
      const command = commandFor('quit', input, key);
      if (command === 'back' && canGoBack) onBack();
      else if (command !== undefined) onQuit();
    },
    { isActive: true },
  );
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text {...theme.error}>{strings.failedTitle}</Text>
      {wrap(sanitize(message, { multiline: true }), size.columns).map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
      <Text> </Text>
      <Text {...theme.text.muted}>{strings.failedHint(canGoBack)}</Text>
    </Box>
  );
}
