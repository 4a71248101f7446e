import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { localize } from '../../guide/localize.js';
import type { QueryRecord, Session } from '../../triage/model.js';
import { VERDICTS } from '../../triage/model.js';
import { effectiveFields, planQuery } from '../../triage/plan.js';
import { TextInput } from '../components/TextInput.js';
import { useUi } from '../context.js';
import { sanitize } from '../sanitize.js';
import { cellWidth, fit, wrap } from '../text-width.js';
import { highlightSql, sqlWindow, wrapSegments, type StyledLine } from './sql-highlight.js';
import { triageTheme } from './theme.js';
import type { Modal } from './use-triage-state.js';

interface PromptFrame {
  width: number;
  height: number;
}

/** The query as it would be planned with the typed values: what runs if the responder confirms. */
export function previewQuery(session: Session, query: QueryRecord, values: Record<string, string>): QueryRecord {
  const entered: Record<string, string[]> = { ...session.enteredFields };
  for (const [field, value] of Object.entries(values)) entered[field] = [value];
  const fields = effectiveFields(session.alert, entered);
  return planQuery({ id: query.id, title: query.title, sql: query.template, fields: query.fields, tables: query.tables, flags: query.flags, platforms: ['linux'], file: '' }, fields);
}

/** Prompt for a field the alert lacks; then the statement as it will run, before anything runs. */
export function ValuePrompt({ modal, session, width, height }: PromptFrame & { modal: Extract<Modal, { kind: 'value' }>; session: Session }): ReactNode {
  const { lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  const query = session.queries.find((q) => q.id === modal.queryId);
  if (!query) return null;
  const field = modal.fields[modal.step] ?? '';
  const title = sanitize(localize(query.title, lang));
  if (!modal.confirming) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text {...styles.heading}>{fit(title, width)}</Text>
        <Text {...styles.warning}>{fit(strings.prompt.why(field), width)}</Text>
        <Text> </Text>
        <Box>
          <Text {...styles.label}>{`${strings.prompt.title(field)}: `}</Text>
          <TextInput state={modal.input} width={Math.max(4, width - cellWidth(strings.prompt.title(field)) - 3)} />
        </Box>
        <Text> </Text>
        <Text {...styles.muted}>{fit(strings.prompt.typeHint, width)}</Text>
      </Box>
    );
  }
  const planned = previewQuery(session, query, modal.values);
  const room = Math.max(1, height - 6);
  const shown = sqlWindow(
    planned.runs.flatMap((run) => wrapSegments(highlightSql(planned.template, run.sql, run.values), width)),
    room,
  );
  const sqlLines: (StyledLine | string)[] = [
    ...(shown.above > 0 ? [strings.detail.sqlAbove(shown.above)] : []),
    ...shown.lines,
    ...(shown.below > 0 ? [strings.detail.more(shown.below)] : []),
  ];
  const problem = planned.status === 'blocked' ? planned.refusal ?? planned.runs[0]?.error : planned.status === 'waiting' ? strings.detail.waiting(planned.missing.join(', ')) : undefined;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(title, width)}</Text>
      <Text {...styles.label}>{fit(Object.entries(modal.values).map(([f, v]) => `${f} = ${sanitize(v)}`).join(' · ') + ` (${strings.prompt.byHand})`, width)}</Text>
      <Text {...styles.label}>{fit(problem ? strings.prompt.failed : strings.prompt.preview, width)}</Text>
      <Box flexDirection="column" height={room}>
        {problem
          ? wrap(sanitize(problem), width).slice(0, room).map((l, i) => (
              <Text key={i} {...styles.error}>
                {l}
              </Text>
            ))
          : sqlLines.map((line, i) =>
              typeof line === 'string' ? (
                <Text key={i} {...styles.muted}>
                  {fit(line, width)}
                </Text>
              ) : (
                <Text key={i} wrap="truncate-end">
                  {line.map((s, j) => (
                    <Text key={j} {...(s.value ? styles.sqlValue : {})}>
                      {s.text}
                    </Text>
                  ))}
                </Text>
              ),
            )}
      </Box>
      <Text> </Text>
      <Text {...styles.muted}>{fit(strings.prompt.confirmHint, width)}</Text>
    </Box>
  );
}

export function NotePrompt({ modal, label, width, height }: PromptFrame & { modal: Extract<Modal, { kind: 'note' }>; label: string }): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(strings.note.title(label), width)}</Text>
      <Text> </Text>
      <Box>
        <Text {...styles.label}>{'> '}</Text>
        <TextInput state={modal.input} width={Math.max(4, width - 3)} />
      </Box>
      <Text> </Text>
      <Text {...styles.muted}>{fit(strings.note.hint, width)}</Text>
    </Box>
  );
}

export function VerdictPrompt({ modal, width, height }: PromptFrame & { modal: Extract<Modal, { kind: 'verdict' }> }): ReactNode {
  const { strings, theme } = useUi();
  const styles = triageTheme(theme);
  const label = `${strings.verdictPrompt.reason}: `;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...styles.heading}>{fit(strings.verdictPrompt.title, width)}</Text>
      {VERDICTS.map((v, i) => (
        <Text key={v} {...(i === modal.choice ? (modal.reasoning ? styles.selectedIdle : styles.selected) : {})}>
          {fit(`${i === modal.choice ? '(•)' : '( )'} ${strings.verdict[v]}`, width)}
        </Text>
      ))}
      <Text> </Text>
      {modal.reasoning ? (
        <Box>
          <Text {...styles.label}>{label}</Text>
          <TextInput state={modal.input} width={Math.max(4, width - cellWidth(label) - 1)} />
        </Box>
      ) : (
        <Text> </Text>
      )}
      {modal.missingReason ? <Text {...styles.error}>{fit(strings.verdictPrompt.reasonRequired, width)}</Text> : <Text> </Text>}
      <Text {...styles.muted}>{fit(modal.reasoning ? strings.verdictPrompt.reasonHint : strings.verdictPrompt.chooseHint, width)}</Text>
    </Box>
  );
}
