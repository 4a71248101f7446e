import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';
import { helpLines } from '../keys.js';
import { fit } from '../text-width.js';
import { triageTheme } from './theme.js';

/** Every key, generated from the binding table; two columns on wide terminals, scrolled with the arrows. */
export function HelpView({ width, height, scroll }: { width: number; height: number; scroll: number }): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  const lines = helpLines((c) => strings.commands[c], (l) => strings.help.scopes[l]);
  const room = Math.max(1, height - 2);
  const columns = width >= 100 ? 2 : 1;
  const colWidth = Math.floor(width / columns);
  const top = Math.max(0, Math.min(scroll, lines.length - room * columns));
  const shown = lines.slice(top, top + room * columns);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(strings.help.title, width)}</Text>
      <Box height={room}>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={colWidth}>
            {shown.slice(c * room, (c + 1) * room).map((l, i) => (
              <Text key={i} {...(l.heading ? styles.label : {})}>
                {fit(l.text, colWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text {...styles.muted}>{fit(`${strings.help.close}${lines.length > room * columns ? ' · ↑↓' : ''}`, width)}</Text>
    </Box>
  );
}
