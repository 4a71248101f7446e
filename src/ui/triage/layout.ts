import type { QueryRecord, RunRecord } from '../../triage/model.js';
import type { TerminalSize } from '../context.js';
import { highlightSql, markPlaceholders, sqlWindow, wrapSegments, type StyledLine } from './sql-highlight.js';

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
  /** SQL lines not shown before and after the window (each folded into one marker line). */
  sqlAbove: number;
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
  const shown = sqlWindow(lines, sqlRoom);
  const markers = (shown.above > 0 ? 1 : 0) + (shown.below > 0 ? 1 : 0);
  const tableHeight = Math.max(1, height - fixed - findingLines - shown.lines.length - markers - 1);
  return { sql: shown.lines, sqlAbove: shown.above, sqlHidden: shown.below, findings, findingsHidden, tableHeight };
}
