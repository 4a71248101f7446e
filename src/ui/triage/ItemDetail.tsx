import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { localize } from '../../guide/localize.js';
import type { Session } from '../../triage/model.js';
import { useUi } from '../context.js';
import { sanitize } from '../sanitize.js';
import { fit, truncate, wrap } from '../text-width.js';
import { noteTarget, type OutlineItem } from './outline.js';
import { statusGlyph, triageTheme } from './theme.js';

export interface ItemDetailProps {
  item: OutlineItem | undefined;
  session: Session;
  width: number;
  height: number;
  tick: number;
}

/** Right pane for a step (its text and queries), a false positive, or a checklist item (its text and note). */
export function ItemDetail({ item, session, width, height, tick }: ItemDetailProps): ReactNode {
  const { lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  if (!item || item.kind === 'heading' || item.kind === 'query') return <Box height={height} />;
  const lines: { text: string; tone: object }[] = [];
  const para = (text: string, tone: object = {}): void => {
    for (const l of wrap(sanitize(text, { multiline: true }), width)) lines.push({ text: l, tone });
  };
  const blank = (): void => {
    lines.push({ text: '', tone: {} });
  };
  if (item.kind === 'step') {
    lines.push({ text: strings.detail.step(item.path), tone: styles.heading });
    para(localize(item.step.text, lang));
    if (item.step.queries.length > 0) {
      blank();
      lines.push({ text: strings.detail.stepQueries, tone: styles.label });
      for (const id of item.step.queries) {
        const q = session.queries.find((x) => x.id === id);
        if (q) lines.push({ text: truncate(`${statusGlyph(q.status, tick)} ${sanitize(localize(q.title, lang))}`, width), tone: styles.status[q.status] });
      }
    }
  } else if (item.kind === 'false-positive') {
    lines.push({ text: strings.detail.falsePositive, tone: styles.heading });
    para(item.text);
  } else {
    const state = session.checklist.find((c) => c.id === item.id);
    lines.push({ text: `${strings.detail.item} · ${state?.checked ? strings.detail.done : strings.detail.notDone}`, tone: state?.checked ? styles.checked : styles.heading });
    para(item.text);
  }
  const target = noteTarget(item);
  if (target !== undefined) {
    const note = session.notes.find((n) => n.target === target);
    blank();
    lines.push({ text: target === 'session' ? strings.detail.sessionNote : strings.detail.note, tone: styles.label });
    if (note) para(note.text);
    else lines.push({ text: strings.detail.noNote, tone: styles.muted });
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} {...l.tone}>
          {fit(l.text, width)}
        </Text>
      ))}
    </Box>
  );
}
