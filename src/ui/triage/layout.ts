import type { Language } from '../../guide/model.js';
import { localize } from '../../guide/model.js';
import type { QueryRecord, RunRecord } from '../../triage/model.js';
import type { TerminalSize } from '../context.js';
import { highlightSql, markPlaceholders, wrapSegments, type StyledLine } from './sql-highlight.js';

export const HEADER_HEIGHT = 3;
export const FOOTER_HEIGHT = 2;

export interface TriageLayout {
  width: number;
  /** One line short of the terminal: a frame as tall as the terminal makes Ink repaint the whole screen. */
  height: number;
  bodyHeight: number;
  outlineWidth: number;
  detailWidth: number;
  /** Lines for content under each pane's title line. */
  paneHeight: number;
}

export function triageLayout(size: TerminalSize): TriageLayout {
  const width = Math.max(40, size.columns);
  const height = Math.max(8, size.rows - 1);
  const bodyHeight = Math.max(4, height - HEADER_HEIGHT - FOOTER_HEIGHT);
  const outlineWidth = Math.max(24, Math.min(56, Math.round(width * 0.34)));
  const detailWidth = Math.max(16, width - outlineWidth - 1);
  return { width, height, bodyHeight, outlineWidth, detailWidth, paneHeight: bodyHeight - 1 };
}

/** How the query detail divides its height: SQL, status, findings, and the rest for the result table. */
export interface QueryDetailPlan {
  sql: StyledLine[];
  /** SQL lines not shown (folded). */
  sqlHidden: number;
  findings: number;
  findingsHidden: number;
  /** Data rows the table shows (its header line is extra). */
  tableHeight: number;
}

export function sqlOf(query: QueryRecord, run: RunRecord | undefined): ReturnType<typeof highlightSql> {
  return run ? highlightSql(query.template, run.sql, run.values) : markPlaceholders(query.template);
}

export function planQueryDetail(query: QueryRecord, run: RunRecord | undefined, width: number, height: number, sqlExpanded: boolean): QueryDetailPlan {
  const lines = wrapSegments(sqlOf(query, run), width);
  const fixed = 2; // title (with the run), status
  const findingsTotal = run?.findings.length ?? 0;
  const findings = Math.min(findingsTotal, 2);
  const findingsHidden = findingsTotal - findings;
  const findingLines = findings + (findingsHidden > 0 ? 1 : 0);
  const rest = Math.max(1, height - fixed - findingLines);
  const sqlRoom = sqlExpanded ? Math.max(1, rest - 1) : Math.max(2, Math.min(6, Math.floor(rest / 3)));
  const fold = lines.length > sqlRoom;
  const sql = fold ? lines.slice(0, sqlRoom - 1) : lines;
  const tableHeight = Math.max(1, height - fixed - findingLines - sql.length - (fold ? 1 : 0) - 1);
  return { sql, sqlHidden: fold ? lines.length - sql.length : 0, findings, findingsHidden, tableHeight };
}

export function queryTitle(query: QueryRecord, lang: Language): string {
  return localize(query.title, lang);
}
