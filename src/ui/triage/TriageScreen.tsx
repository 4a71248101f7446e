import { Box, Text } from 'ink';
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { type Language } from '../../guide/model.js';
import { localize } from '../../guide/localize.js';
import type { Session } from '../../triage/model.js';
import { useTicker } from '../components/use-ticker.js';
import { useUi } from '../context.js';
import type { TriageController } from '../controller.js';
import type { RowsView } from '../result-rows.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpView } from './HelpView.js';
import { ItemDetail } from './ItemDetail.js';
import { planQueryDetail, triageLayout } from './layout.js';
import { buildOutline, type OutlineItem } from './outline.js';
import { OutlinePane } from './OutlinePane.js';
import { NotePrompt, ValuePrompt, VerdictPrompt } from './Prompts.js';
import { QueryDetail } from './QueryDetail.js';
import { RowView } from './RowView.js';
import { triageTheme } from './theme.js';
import { selectedQuery, triageScope, type TriageContext, type TriageView } from './use-triage-state.js';
import { useTriageInput, useTriageView } from './use-triage.js';
import { fit } from '../text-width.js';
import { sanitize } from '../sanitize.js';
import type { UiStrings } from '../i18n.js';

export interface TriageScreenProps {
  controller: TriageController;
  isActive: boolean;
  /** Survives a visit to the export screen. */
  memory: { current: TriageView | undefined };
  onExport(): void;
  onQuit(): void;
}

const NO_ROWS: RowsView = { state: 'none' };

/** Screen 2: header, the guide outline, the selected item's detail, footer with key hints. */
export function TriageScreen({ controller, isActive, memory, onExport, onQuit }: TriageScreenProps): ReactNode {
  const { size, lang, strings, theme } = useUi();
  const styles = triageTheme(theme);
  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { session } = snapshot;
  const items = useMemo(() => buildOutline(session, lang), [session.guide, session.checklist, session.queries.length, lang]);
  const [view, setView] = useTriageView(items, memory);
  const layout = triageLayout(size);
  const busy = snapshot.inFlight.size > 0;
  const tick = useTicker(busy);

  const item = items[view.cursor];
  const query = selectedQuery(view, { items, session });
  const runIndex = query ? Math.min(view.runIndex, Math.max(0, query.runs.length - 1)) : 0;
  const run = query?.runs[runIndex];
  const runBusy = run !== undefined && (run.status === 'running' || snapshot.inFlight.has(run.key));
  const rows = run && !runBusy ? controller.rows(run.key) : NO_ROWS;
  const plan = query ? planQueryDetail(query, run, layout.detailWidth, layout.paneHeight, view.sqlExpanded) : undefined;
  const loaded = rows.state === 'ready' ? rows : undefined;
  const context: TriageContext = {
    items,
    session,
    running: busy,
    rowCount: loaded?.rows.length ?? 0,
    columnCount: loaded?.columns.length ?? 0,
    tableHeight: plan?.tableHeight ?? 1,
    outlineHeight: layout.paneHeight,
    rowViewHeight: layout.bodyHeight,
  };
  useTriageInput(view, setView, { controller, context, isActive, onExport, onQuit });

  const modal = view.modal;
  const now = Date.now();
  const detailFocused = view.focus === 'detail' && modal.kind === 'none';
  let body: ReactNode;
  if (modal.kind === 'help') {
    body = <HelpView width={layout.width} height={layout.bodyHeight} scroll={modal.scroll} />;
  } else if (modal.kind === 'row' && loaded) {
    body = <RowView columns={loaded.columns} rows={loaded.rows} run={run} index={modal.index} scroll={modal.scroll} width={layout.width} height={layout.bodyHeight} />;
  } else {
    let right: ReactNode;
    const frame = { width: layout.detailWidth, height: layout.paneHeight };
    if (modal.kind === 'value') right = <ValuePrompt modal={modal} session={session} {...frame} />;
    else if (modal.kind === 'note') right = <NotePrompt modal={modal} label={noteLabel(modal.target, items, session, lang, strings)} {...frame} />;
    else if (modal.kind === 'verdict') right = <VerdictPrompt modal={modal} {...frame} />;
    else if (query && plan) {
      const startedAt = run?.startedAt ? Date.parse(run.startedAt) : now;
      right = (
        <QueryDetail
          query={query}
          run={run}
          runIndex={runIndex}
          running={runBusy}
          rows={rows}
          window={view.table}
          plan={plan}
          focused={detailFocused}
          tick={tick}
          elapsedMs={now - startedAt}
          {...frame}
        />
      );
    } else right = <ItemDetail item={item} session={session} tick={tick} {...frame} />;
    body = (
      <Box height={layout.bodyHeight}>
        <OutlinePane
          items={items}
          session={session}
          inFlight={snapshot.inFlight}
          cursor={view.cursor}
          focused={view.focus === 'outline' && modal.kind === 'none'}
          width={layout.outlineWidth}
          height={layout.bodyHeight}
          tick={tick}
        />
        <Box width={1} height={layout.bodyHeight} borderStyle="single" borderLeft borderTop={false} borderBottom={false} borderRight={false} {...(styles.border ? { borderColor: styles.border } : {})} />
        <Box flexDirection="column" width={layout.detailWidth}>
          <Text {...(detailFocused || modal.kind !== 'none' ? styles.paneTitleFocused : styles.paneTitle)}>{fit(`${detailFocused ? '▸' : ' '}${paneTitle(item, strings.detail.pane)}`, layout.detailWidth)}</Text>
          {right}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header session={session} dir={controller.store.dir} width={layout.width} />
      {body}
      <Footer scope={triageScope(view)} batch={snapshot.batch} notice={snapshot.notice} confirmQuit={modal.kind === 'quit'} width={layout.width} now={now} />
    </Box>
  );
}

function paneTitle(item: OutlineItem | undefined, fallback: string): string {
  return item?.kind === 'step' ? `${fallback} · ${item.path}` : fallback;
}

/** How the note prompt names what the note is about. */
function noteLabel(target: string, items: readonly OutlineItem[], session: Session, lang: Language, strings: UiStrings): string {
  if (target === 'session') return strings.detail.sessionNote;
  const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
  if (kind === 'query') {
    const q = session.queries.find((x) => x.id === id);
    return q ? sanitize(localize(q.title, lang)) : id;
  }
  if (kind === 'step') return strings.detail.step(id);
  const c = items.find((i) => i.kind === 'checklist' && i.id === id);
  return c?.kind === 'checklist' ? sanitize(c.text) : sanitize(id);
}
