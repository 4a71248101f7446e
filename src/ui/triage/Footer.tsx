import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { ProgressBar } from '../components/ProgressBar.js';
import { KeyHints } from '../components/KeyHints.js';
import { useUi } from '../context.js';
import type { Batch, Notice } from '../controller.js';
import { formatDuration } from '../i18n.js';
import type { Scope } from '../keys.js';
import { sanitize } from '../sanitize.js';
import { cellWidth, fit, truncate } from '../text-width.js';
import { triageTheme } from './theme.js';

export interface FooterProps {
  scope: Scope;
  batch: Batch | undefined;
  notice: Notice | undefined;
  confirmQuit: boolean;
  width: number;
  now: number;
}

/** Status line (progress n/m with elapsed time, a notice, or the quit question) and the key hints of the scope. */
export function Footer({ scope, batch, notice, confirmQuit, width, now }: FooterProps): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  let status: ReactNode = <Text> </Text>;
  if (confirmQuit) {
    status = <Text {...styles.warning}>{fit(strings.quitConfirm, width)}</Text>;
  } else if (notice) {
    const text = notice.kind === 'error' ? strings.notice.error(sanitize(notice.text)) : strings.notice.nothingReady;
    status = <Text {...(notice.kind === 'error' ? styles.error : styles.muted)}>{fit(text, width)}</Text>;
  } else if (batch && batch.finishedAt === undefined) {
    const text = ` ${strings.progress.running(batch.done, batch.total, formatDuration(now - batch.startedAt))}`;
    const barWidth = Math.max(6, Math.min(40, width - cellWidth(text) - 1));
    status = (
      <Text>
        <ProgressBar done={batch.done} total={batch.total} width={barWidth} />
        <Text {...styles.status.running}>{truncate(text, Math.max(1, width - barWidth))}</Text>
      </Text>
    );
  } else if (batch?.finishedAt !== undefined) {
    status = <Text {...styles.muted}>{fit(strings.progress.finished(batch.total, formatDuration(batch.finishedAt - batch.startedAt)), width)}</Text>;
  }
  return (
    <Box flexDirection="column" width={width} height={2}>
      {status}
      <KeyHints scope={scope} width={width} />
    </Box>
  );
}
