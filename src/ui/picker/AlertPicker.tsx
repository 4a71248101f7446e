import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Alert } from '../../alert/types.js';
import { alertUser } from '../alert-facts.js';
import { KeyHints } from '../components/KeyHints.js';
import { TextInput } from '../components/TextInput.js';
import { inputValue } from '../components/text-input.js';
import { useScrollTop } from '../components/scroll.js';
import { useUi } from '../context.js';
import { formatTime } from '../i18n.js';
import { sanitize } from '../sanitize.js';
import { cellWidth, fit } from '../text-width.js';
import { severityName } from '../theme.js';
import { pickerTheme } from './theme.js';
import { usePicker } from './use-picker.js';
import { filterAlerts, pickerLines, type PickerLine } from './use-picker-state.js';
import type { PickerEffect } from './use-picker-state.js';

export interface AlertPickerProps {
  alerts: readonly Alert[];
  isActive: boolean;
  onEffect(effect: PickerEffect): void;
}

/** Screen 1: one line per alert, filter as you type, building blocks folded under their sequence's alert. */
export function AlertPicker({ alerts, isActive, onEffect }: AlertPickerProps): ReactNode {
  const { size, strings, theme } = useUi();
  const styles = pickerTheme(theme);
  const listHeight = Math.max(1, size.rows - 1 - 4);
  const state = usePicker({ alerts, pageSize: listHeight, isActive, onEffect });
  const matching = filterAlerts(alerts, inputValue(state.filter));
  const lines = pickerLines(alerts, matching, state.expanded);
  const cursorLine = Math.max(0, lines.findIndex((l) => l.kind === 'alert' && l.position === state.cursor));
  const top = useScrollTop(cursorLine, listHeight, lines.length);
  const width = size.columns;
  const filterLabel = `${strings.picker.filter}: `;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1}>
      <Text {...styles.title}>{fit(strings.picker.title(alerts.length), width)}</Text>
      <Box>
        <Text>{filterLabel}</Text>
        <TextInput state={state.filter} width={Math.max(4, width - cellWidth(filterLabel))} placeholder={strings.picker.placeholder} />
      </Box>
      <Box flexDirection="column" height={listHeight} marginTop={1}>
        {lines.length === 0 ? <Text {...styles.empty}>{strings.picker.noMatch}</Text> : null}
        {lines.slice(top, top + listHeight).map((line, i) => (
          <PickerRow key={top + i} line={line} alerts={alerts} selected={line.kind === 'alert' && line.position === state.cursor} width={width} />
        ))}
      </Box>
      <KeyHints scope="picker" width={width} />
    </Box>
  );
}

function PickerRow({ line, alerts, selected, width }: { line: PickerLine; alerts: readonly Alert[]; selected: boolean; width: number }): ReactNode {
  const { strings, theme } = useUi();
  const styles = pickerTheme(theme);
  if (line.kind === 'folded') {
    return <Text {...styles.fold}>{fit(`    ▸ ${strings.picker.blocks(line.count)}`, width)}</Text>;
  }
  const alert = line.kind === 'alert' ? alerts[line.index] : line.block;
  if (!alert) return null;
  const sev = severityName(alert.rule.severity);
  const badge = fit(`[${strings.severity[sev]}]`, 10);
  const meta = columnsFor(width);
  const name = sanitize(alert.rule.ruleName ?? alert.rule.ruleId ?? '?');
  const host = sanitize(alert.host ?? strings.picker.noHost);
  const user = sanitize(alertUser(alert) ?? '-');
  // Minutes are enough to tell alerts apart when the rule name needs the room.
  const time = width >= 120 ? formatTime(alert.timestamp) : formatTime(alert.timestamp).slice(0, 16);
  if (line.kind === 'block') {
    const text = `    └ ${strings.picker.block}: ${name}  ${host}  ${user}  ${time}`;
    return <Text {...styles.fold}>{fit(sanitize(text), width)}</Text>;
  }
  const rest = `${fit(name, meta.rule)} ${fit(host, meta.host)} ${fit(user, meta.user)} ${fit(time, meta.time)}`;
  return (
    <Text>
      <Text {...(selected ? styles.selected : {})}>{selected ? '›' : ' '}</Text>
      <Text {...styles.badge[sev]}>{badge}</Text>
      <Text {...(selected ? styles.selected : styles.rule)}>{` ${rest}`}</Text>
    </Text>
  );
}

/** Cell widths of the alert line's columns for a terminal width (rule name takes what is left). */
export function columnsFor(width: number): { rule: number; host: number; user: number; time: number } {
  const time = width >= 120 ? 20 : width >= 80 ? 16 : 0;
  const host = width >= 120 ? 22 : width >= 70 ? 14 : 10;
  const user = width >= 120 ? 14 : 10;
  const rule = Math.max(8, width - 1 - 10 - 1 - host - user - time - 3);
  return { rule, host, user, time };
}
