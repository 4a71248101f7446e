import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Row } from '../../engine/types.js';
import { localize } from '../../guide/localize.js';
import type { RunRecord } from '../../triage/model.js';
import { useUi } from '../context.js';
import { cellValue } from '../result-rows.js';
import { sanitize } from '../sanitize.js';
import { fit, wrap } from '../text-width.js';
import { triageTheme } from './theme.js';

/** Beyond this a value is shown cut (a multi-megabyte cell stays responsive); the full value is in results/. */
const MAX_VALUE_CHARS = 64 * 1024;

export interface RowViewProps {
  columns: string[];
  rows: Row[];
  run: RunRecord | undefined;
  index: number;
  scroll: number;
  width: number;
  height: number;
}

/** One row whole: every column, values wrapped, why it is flagged. */
export function RowView({ columns, rows, run, index, scroll, width, height }: RowViewProps): ReactNode {
  const { lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  const row = rows[index];
  const lines: { text: string; tone: object }[] = [];
  for (const f of run?.findings ?? []) {
    if (f.rows.includes(index)) lines.push(...wrap(`! ${strings.severity[f.severity]} ${sanitize(localize(f.reason, lang))}`, width).map((text) => ({ text, tone: styles.flagged })));
  }
  if (run?.nearAlert.includes(index)) lines.push({ text: `• ${strings.detail.nearMark}`, tone: styles.near });
  for (const column of columns) {
    lines.push({ text: sanitize(column), tone: styles.label });
    const raw = cellValue(row, column);
    const value = raw.length > MAX_VALUE_CHARS ? `${raw.slice(0, MAX_VALUE_CHARS)}…` : raw;
    for (const text of wrap(sanitize(value, { multiline: true }), Math.max(1, width - 2))) lines.push({ text: `  ${text}`, tone: styles.value });
  }
  const room = Math.max(1, height - 2);
  const top = Math.max(0, Math.min(scroll, lines.length - room));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(strings.rowView.title(index + 1, rows.length), width)}</Text>
      <Box flexDirection="column" height={room}>
        {lines.slice(top, top + room).map((l, i) => (
          <Text key={top + i} {...l.tone}>
            {fit(l.text, width)}
          </Text>
        ))}
      </Box>
      <Text {...styles.muted}>{fit(strings.rowView.hint, width)}</Text>
    </Box>
  );
}
