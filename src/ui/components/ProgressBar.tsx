import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';

export interface ProgressBarProps {
  done: number;
  total: number;
  width: number;
}

/** `[████░░░░]` in `width` cells. */
export function ProgressBar({ done, total, width }: ProgressBarProps): ReactNode {
  const { theme } = useUi();
  const inner = Math.max(1, width - 2);
  const filled = total > 0 ? Math.min(inner, Math.round((done / total) * inner)) : 0;
  return (
    <Text>
      [<Text {...theme.status.running}>{'█'.repeat(filled)}</Text>
      <Text {...theme.text.muted}>{'░'.repeat(inner - filled)}</Text>]
    </Text>
  );
}
