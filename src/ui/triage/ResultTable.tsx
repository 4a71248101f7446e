import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Row } from '../../engine/types.js';
import { useUi } from '../context.js';
import { fit } from '../text-width.js';
import { layoutTable, type TableWindow } from './result-table.js';
import { triageTheme } from './theme.js';

export interface ResultTableProps {
  columns: string[];
  rows: Row[];
  window: TableWindow;
  marks: { flagged: ReadonlySet<number>; near: ReadonlySet<number> };
  focused: boolean;
  width: number;
  /** Data rows shown (the header is one more line). */
  height: number;
}

/** The visible window of a result: sticky header, cells cut with an ellipsis, flagged rows marked. */
export function ResultTable({ columns, rows, window, marks, focused, width, height }: ResultTableProps): ReactNode {
  const { theme } = useUi();
  const styles = triageTheme(theme);
  const table = layoutTable(columns, rows, window, { width, height }, marks);
  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text {...styles.tableHeader}>{fit(table.header, width)}</Text>
      {table.lines.map((line) => (
        <Text key={line.index}>
          <Text {...(line.flagged ? styles.flagged : line.near ? styles.near : {})}>{line.marker}</Text>
          <Text {...(line.selected ? (focused ? styles.selected : styles.selectedIdle) : line.flagged ? styles.flagged : {})}>
            {fit(line.text, Math.max(1, width - 2))}
          </Text>
        </Text>
      ))}
    </Box>
  );
}
