import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { localize } from '../../guide/localize.js';
import type { QueryStatus, Session } from '../../triage/model.js';
import { useScrollTop } from '../components/scroll.js';
import { useUi } from '../context.js';
import { sanitize } from '../sanitize.js';
import { cellWidth, fit } from '../text-width.js';
import { noteTarget, queryCounts, type OutlineItem } from './outline.js';
import { statusGlyph, triageTheme, type TriageTheme } from './theme.js';

export interface OutlinePaneProps {
  items: readonly OutlineItem[];
  session: Session;
  inFlight: ReadonlySet<string>;
  cursor: number;
  focused: boolean;
  width: number;
  height: number;
  tick: number;
}

/** Left pane: steps with their queries (status glyph, row and flagged counts), false positives, the checklist. */
export const OutlinePane = memo(function OutlinePane(props: OutlinePaneProps): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  const { items, cursor, width, height } = props;
  const listHeight = Math.max(1, height - 1);
  const top = useScrollTop(cursor, listHeight, items.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...(props.focused ? styles.paneTitleFocused : styles.paneTitle)}>{fit(`${props.focused ? '▸' : ' '}${strings.outline.pane}`, width)}</Text>
      {items.slice(top, top + listHeight).map((item, i) => (
        <Text key={top + i}>
          <Text {...(top + i === cursor ? styles.heading : {})}>{top + i === cursor ? '›' : ' '}</Text>
          <OutlineLine item={item} selected={top + i === cursor} {...props} width={width - 1} styles={styles} />
        </Text>
      ))}
    </Box>
  );
});

function OutlineLine({ item, selected, focused, session, inFlight, width, tick, styles }: OutlinePaneProps & { item: OutlineItem; selected: boolean; styles: TriageTheme }): ReactNode {
  const { lang, strings } = useUi();
  const pick = selected ? (focused ? styles.selected : styles.selectedIdle) : {};
  const target = noteTarget(item);
  const noted = target !== undefined && target !== 'session' && session.notes.some((n) => n.target === target) ? ' *' : '';
  switch (item.kind) {
    case 'heading': {
      const label = item.section === 'investigation' ? strings.outline.investigation : item.section === 'false-positives' ? strings.outline.falsePositives : strings.outline.response;
      return <Text {...styles.heading}>{fit(label, width)}</Text>;
    }
    case 'step': {
      const text = `${'  '.repeat(item.depth)}${item.path} ${sanitize(localize(item.step.text, lang))}`;
      return <Text {...pick}>{fit(text + noted, width)}</Text>;
    }
    case 'query': {
      const query = session.queries.find((q) => q.id === item.queryId);
      if (!query) return <Text>{fit('', width)}</Text>;
      const running = query.status === 'running' || query.runs.some((r) => inFlight.has(r.key));
      const status: QueryStatus = running ? 'running' : query.status;
      const counts = queryCounts(query);
      const done = status === 'ok' || status === 'error' || status === 'timeout' || query.runs.some((r) => r.status === 'ok');
      const right = done ? `${strings.outline.rows(counts.rows)}${counts.flagged > 0 ? ` ${strings.outline.flagged(counts.flagged)}` : ''}` : '';
      const indent = '  '.repeat(item.depth);
      const titleWidth = Math.max(1, width - cellWidth(indent) - 2 - (right ? cellWidth(right) + 1 : 0));
      const title = fit(sanitize(localize(query.title, lang)) + noted, titleWidth);
      return (
        <Text>
          <Text>{indent}</Text>
          <Text {...styles.status[status]}>{`${statusGlyph(status, tick)} `}</Text>
          <Text {...pick}>{title}</Text>
          {right ? <Text {...(counts.flagged > 0 ? styles.flagged : styles.muted)}>{` ${right}`}</Text> : null}
        </Text>
      );
    }
    case 'false-positive':
      return <Text {...pick}>{fit(`· ${sanitize(item.text)}`, width)}</Text>;
    case 'checklist': {
      const checked = session.checklist.find((c) => c.id === item.id)?.checked ?? false;
      return (
        <Text>
          <Text {...(checked ? styles.checked : styles.muted)}>{checked ? '[x] ' : '[ ] '}</Text>
          <Text {...pick}>{fit(sanitize(item.text) + noted, Math.max(1, width - 4))}</Text>
        </Text>
      );
    }
  }
}
