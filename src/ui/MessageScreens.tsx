import { Box, Text, useInput } from 'ink';
import { Component, type ReactNode } from 'react';
import { useUi } from './context.js';
import { commandFor, eachPress, type Command } from './keys.js';
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
      const command = eachPress<Command | undefined>(undefined, input, key, () => false, (c, i, k) => c ?? commandFor('quit', i, k));
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

/**
 * Last line of defence: a screen that throws while drawing (a bug, never bad input: input is data) is replaced by
 * its message instead of taking the terminal down. Everything done so far is already in the bundle.
 */
export class ScreenGuard extends Component<{ children: ReactNode; onQuit(): void }, { error: string | undefined }> {
  override state: { error: string | undefined } = { error: undefined };

  static getDerivedStateFromError(err: unknown): { error: string } {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <Crashed message={this.state.error} onQuit={this.props.onQuit} />;
  }
}

function Crashed({ message, onQuit }: { message: string; onQuit(): void }): ReactNode {
  const { strings, theme, size } = useUi();
  useInput(
    (input, key) => {
      if (eachPress<Command | undefined>(undefined, input, key, () => false, (c, i, k) => c ?? commandFor('quit', i, k)) !== undefined) onQuit();
    },
    { isActive: true },
  );
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text {...theme.error}>{strings.crashedTitle}</Text>
      {wrap(sanitize(message, { multiline: true }), size.columns).map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
      <Text> </Text>
      <Text {...theme.text.muted}>{strings.crashedHint}</Text>
    </Box>
  );
}
