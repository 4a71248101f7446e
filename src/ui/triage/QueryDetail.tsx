import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { localize } from '../../guide/localize.js';
import type { QueryRecord, QueryStatus, RunRecord } from '../../triage/model.js';
import { useUi } from '../context.js';
import { formatDuration, formatTime } from '../i18n.js';
import type { RowsView } from '../result-rows.js';
import { sanitize } from '../sanitize.js';
import { fit, truncate, wrap } from '../text-width.js';
import type { QueryDetailPlan } from './layout.js';
import { markedRows, type TableWindow } from './result-table.js';
import { ResultTable } from './ResultTable.js';
import type { StyledLine } from './sql-highlight.js';
import { statusGlyph, triageTheme, type TriageTheme } from './theme.js';

export interface QueryDetailProps {
  query: QueryRecord;
  run: RunRecord | undefined;
  runIndex: number;
  running: boolean;
  rows: RowsView;
  window: TableWindow;
  plan: QueryDetailPlan;
  focused: boolean;
  width: number;
  height: number;
  tick: number;
  elapsedMs: number;
}

/** Right pane for a query: label, SQL with substituted values marked, status, findings, and the result. */
export function QueryDetail(props: QueryDetailProps): ReactNode {
  const { lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  const { query, run, plan, width } = props;
  const status: QueryStatus = props.running ? 'running' : (run?.status ?? query.status);
  const runLine = query.runs.length > 1 ? ` · ${strings.detail.run(props.runIndex + 1, query.runs.length)}${run?.label ? `: ${sanitize(run.label)}` : ''}` : '';
  const facts = [strings.status[status]];
  const tableRows = props.rows.state === 'ready' && status === 'ok' ? props.rows.rows.length : 0;
  if (tableRows > 0) facts.push(strings.detail.rowOf(Math.min(props.window.row, tableRows - 1) + 1, tableRows));
  if (run?.status === 'ok' || run?.status === 'error' || run?.status === 'timeout') {
    if (tableRows === 0) facts.push(`${strings.detail.rows} ${run.rowCount}`);
    if (run.durationMs !== undefined) facts.push(`${strings.detail.duration} ${formatDuration(run.durationMs)}`);
    if (run.startedAt) facts.push(`${strings.detail.started} ${formatTime(run.startedAt)}`);
  }
  if (query.combinations !== undefined) facts.push(strings.detail.capped(query.runs.length, query.combinations));
  const findings = run?.findings ?? [];
  const bodyHeight = Math.max(1, props.height - 2 - plan.sql.length - (plan.sqlAbove > 0 ? 1 : 0) - (plan.sqlHidden > 0 ? 1 : 0) - plan.findings - (plan.findingsHidden > 0 ? 1 : 0));
  return (
    <Box flexDirection="column" width={width} height={props.height}>
      <Text {...styles.title}>{fit(sanitize(localize(query.title, lang)) + runLine, width)}</Text>
      {plan.sqlAbove > 0 ? <Text {...styles.muted}>{fit(strings.detail.sqlAbove(plan.sqlAbove), width)}</Text> : null}
      {plan.sql.map((line, i) => (
        <SqlLine key={i} line={line} styles={styles} width={width} />
      ))}
      {plan.sqlHidden > 0 ? <Text {...styles.muted}>{fit(strings.detail.sqlFolded(plan.sqlHidden), width)}</Text> : null}
      <Text>
        <Text {...styles.status[status]}>{`${statusGlyph(status, props.tick)} `}</Text>
        <Text {...styles.label}>{truncate(facts.join(' · '), Math.max(1, width - 2))}</Text>
      </Text>
      {findings.slice(0, plan.findings).map((f, i) => (
        <Text key={i} {...styles.flagged}>
          {truncate(`! ${strings.severity[f.severity]} ${sanitize(localize(f.reason, lang))} (${f.rows.length})`, width)}
        </Text>
      ))}
      {plan.findingsHidden > 0 ? <Text {...styles.flagged}>{truncate(strings.detail.more(plan.findingsHidden), width)}</Text> : null}
      <QueryBody {...props} status={status} styles={styles} height={bodyHeight} />
    </Box>
  );
}

function SqlLine({ line, styles, width }: { line: StyledLine; styles: TriageTheme; width: number }): ReactNode {
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {line.map((s, i) => (
          <Text key={i} {...(s.value ? styles.sqlValue : styles.muted)}>
            {s.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

function QueryBody(props: QueryDetailProps & { status: QueryStatus; styles: TriageTheme }): ReactNode {
  const { strings } = useUi();
  const { query, run, status, styles, width, height } = props;
  const lines = (text: string, tone: object, max = height): ReactNode =>
    wrap(sanitize(text, { multiline: true }), width)
      .slice(0, max)
      .map((l, i) => (
        <Text key={`${i}-${l}`} {...tone}>
          {l}
        </Text>
      ));
  switch (status) {
    case 'waiting':
      return (
        <Box flexDirection="column">
          {lines(strings.detail.waiting(sanitize(query.missing.join(', '))), styles.warning, height - 1)}
          <Text {...styles.muted}>{strings.detail.waitingHint}</Text>
        </Box>
      );
    case 'ready':
      return <Box flexDirection="column">{lines(strings.detail.ready, styles.muted)}</Box>;
    case 'running':
      return <Text {...styles.status.running}>{`${strings.detail.running} ${formatDuration(props.elapsedMs)}`}</Text>;
    case 'blocked':
      return <Box flexDirection="column">{lines(`${strings.detail.blocked}: ${query.refusal ?? run?.error ?? ''}`, styles.error)}</Box>;
    case 'error':
    case 'timeout': {
      const stderr = run?.stderr?.trim() ?? '';
      return (
        <Box flexDirection="column">
          {lines(`${strings.detail.error}: ${run?.error ?? strings.status[status]}`, styles.error, Math.max(1, Math.ceil(height / 2)))}
          {stderr ? lines(`${strings.detail.stderr}: ${stderr}`, styles.muted, Math.floor(height / 2)) : null}
        </Box>
      );
    }
    case 'ok':
      break;
  }
  const view = props.rows;
  if (view.state === 'loading') return <Text {...styles.muted}>{strings.detail.loading}</Text>;
  if (view.state === 'error') return <Box flexDirection="column">{lines(view.message, styles.error)}</Box>;
  if (view.state === 'none' || view.rows.length === 0) {
    return <Box flexDirection="column">{lines(run?.error ? `${strings.detail.error}: ${run.error}` : strings.detail.noRows, run?.error ? styles.error : styles.muted)}</Box>;
  }
  return (
    <ResultTable
      columns={view.columns}
      rows={view.rows}
      window={props.window}
      marks={markedRows(run)}
      focused={props.focused}
      width={width}
      height={Math.max(1, height - 1)}
    />
  );
}
