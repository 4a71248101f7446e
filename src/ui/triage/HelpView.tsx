import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useUi } from '../context.js';
import { bindingsIn, keyLabel, type Binding, type Scope } from '../keys.js';
import { fit } from '../text-width.js';
import { triageTheme } from './theme.js';

const SECTIONS: { scopes: Scope[]; label: 'outline' | 'detail' | 'row' | 'export' | 'picker' }[] = [
  { scopes: ['outline'], label: 'outline' },
  { scopes: ['detail'], label: 'detail' },
  { scopes: ['row'], label: 'row' },
  { scopes: ['export'], label: 'export' },
  { scopes: ['picker'], label: 'picker' },
];

/** Every key, generated from the binding table; laid out in as many columns as the width allows. */
export function HelpView({ width, height }: { width: number; height: number }): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  const lines: { text: string; heading: boolean }[] = [];
  const seen = new Set<Binding>();
  for (const section of SECTIONS) {
    const bindings = section.scopes.flatMap((s) => bindingsIn(s)).filter((b) => section.label === 'detail' ? !seen.has(b) : true);
    if (bindings.length === 0) continue;
    lines.push({ text: strings.help.scopes[section.label], heading: true });
    const done = new Set<string>();
    for (const b of bindings) {
      const key = `${keyLabel(b)}`;
      const line = `${key.padEnd(12)} ${strings.commands[b.command]}`;
      if (done.has(line)) continue;
      done.add(line);
      if (section.label === 'outline') seen.add(b);
      lines.push({ text: `  ${line}`, heading: false });
    }
  }
  const room = Math.max(1, height - 2);
  const columns = Math.max(1, Math.min(Math.ceil(lines.length / room), Math.floor(width / 34)));
  const colWidth = Math.floor(width / columns);
  const perColumn = Math.ceil(lines.length / columns);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(strings.help.title, width)}</Text>
      <Box height={room}>
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={colWidth}>
            {lines.slice(c * perColumn, (c + 1) * perColumn).slice(0, room).map((l, i) => (
              <Text key={i} {...(l.heading ? styles.label : {})}>
                {fit(l.text, colWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text {...styles.muted}>{fit(strings.help.close, width)}</Text>
    </Box>
  );
}
