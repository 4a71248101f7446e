import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';
import { bindingsIn, keyLabel, type Scope } from '../keys.js';
import { fit } from '../text-width.js';
import { triageTheme } from './theme.js';

const SECTIONS: { scopes: Scope[]; label: 'outline' | 'detail' | 'row' | 'export' | 'picker' }[] = [
  { scopes: ['outline'], label: 'outline' },
  { scopes: ['detail'], label: 'detail' },
  { scopes: ['row'], label: 'row' },
  { scopes: ['export'], label: 'export' },
  { scopes: ['picker'], label: 'picker' },
];

/** Help lines: every key, by where it works, each key and meaning said once. */
export function helpLines(strings: ReturnType<typeof useUi>['strings']): { text: string; heading: boolean }[] {
  const lines: { text: string; heading: boolean }[] = [];
  const said = new Set<string>();
  for (const section of SECTIONS) {
    const fresh: string[] = [];
    for (const b of section.scopes.flatMap((s) => bindingsIn(s))) {
      const id = `${keyLabel(b)}|${b.command}`;
      if (said.has(id)) continue;
      said.add(id);
      fresh.push(`  ${keyLabel(b).padEnd(11)} ${strings.commands[b.command]}`);
    }
    if (fresh.length === 0) continue;
    lines.push({ text: strings.help.scopes[section.label], heading: true }, ...fresh.map((text) => ({ text, heading: false })));
  }
  return lines;
}

/** Every key, generated from the binding table; two columns on wide terminals, scrolled with the arrows. */
export function HelpView({ width, height, scroll }: { width: number; height: number; scroll: number }): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  const lines = helpLines(strings);
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
