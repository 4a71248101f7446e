import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyHints } from '../components/KeyHints.js';
import { spinnerFrame, useTicker } from '../components/use-ticker.js';
import { useUi } from '../context.js';
import type { TriageController } from '../controller.js';
import { sanitize } from '../sanitize.js';
import { fit, truncate, wrap } from '../text-width.js';
import { exportTheme } from './theme.js';
import { useExport } from './use-export.js';
import { FORMATS } from './use-export-state.js';

export interface ExportScreenProps {
  controller: TriageController;
  isActive: boolean;
  onBack(): void;
  onQuit(): void;
}

/** Screen 3: choose formats, write the reports into the session directory, show the paths and the SHA256SUMS head. */
export function ExportScreen({ controller, isActive, onBack, onQuit }: ExportScreenProps): ReactNode {
  const { size, strings, theme } = useUi();
  const styles = exportTheme(theme);
  const state = useExport({ controller, isActive, onBack, onQuit });
  const tick = useTicker(state.phase === 'writing');
  const width = size.columns;
  const s = strings.exportScreen;
  const outcome = state.outcome;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1}>
      <Text {...styles.title}>{fit(s.title, width)}</Text>
      <Text> </Text>
      <Text {...styles.label}>{s.formats}</Text>
      {FORMATS.map((f, i) => {
        const checked = state.chosen.includes(f);
        const selected = state.phase === 'choose' && i === state.cursor;
        return (
          <Text key={f}>
            <Text {...(checked ? styles.checked : styles.muted)}>{checked ? '  [x] ' : '  [ ] '}</Text>
            <Text {...(selected ? styles.selected : {})}>{`report.${f}`}</Text>
          </Text>
        );
      })}
      <Text> </Text>
      <Text {...styles.label}>{truncate(`${s.destination}: ${sanitize(controller.store.dir)}`, width)}</Text>
      <Text> </Text>
      {state.nothingChosen ? <Text {...styles.error}>{s.noFormat}</Text> : null}
      {state.phase === 'writing' ? <Text>{`${spinnerFrame(tick)} ${s.writing}`}</Text> : null}
      {outcome?.ok === true ? (
        <Box flexDirection="column">
          <Text {...styles.label}>{s.written}</Text>
          {outcome.files.map((file) => (
            <Text key={file} {...styles.path}>
              {truncate(`  ${sanitize(file)}`, width)}
            </Text>
          ))}
          <Text {...styles.label}>{s.sumsHead}</Text>
          {outcome.sumsHead
            .split('\n')
            .filter((l) => l.trim() !== '')
            .slice(0, 8)
            .map((l, i) => (
              <Text key={i} {...styles.hash}>
                {truncate(`  ${sanitize(l)}`, width)}
              </Text>
            ))}
        </Box>
      ) : null}
      {outcome?.ok === false ? wrap(s.failed(sanitize(outcome.message)), width).map((l, i) => <Text key={i} {...styles.error}>{l}</Text>) : null}
      <Box flexGrow={1} />
      {state.phase === 'done' ? <Text {...styles.muted}>{fit(s.doneHint, width)}</Text> : <KeyHints scope="export" width={width} />}
    </Box>
  );
}
