import type { Row } from '../../engine/types.js';
import type { RunRecord } from '../../triage/model.js';
import { cellValue } from '../result-rows.js';
import { sanitize, sanitizeHead } from '../sanitize.js';
import { cellWidth, fit } from '../text-width.js';

/**
 * The result table as plain lines: only the rows in the window are ever formatted, so a 100k-row result costs the
 * same per key press as a 10-row one. Column widths come from the header and a sample of rows, computed once per
 * result (a width that changed while scrolling would make the table jump).
 */

export const SEPARATOR = ' │ ';
const MARKER_WIDTH = 2;
const SAMPLE_ROWS = 300;
const widthCache = new WeakMap<Row[], { key: string; widths: number[] }>();

/** Natural width of each column (header, or its widest sampled value), before any cap. */
export function naturalWidths(columns: string[], rows: Row[]): number[] {
  const key = columns.join('\u0000');
  const cached = widthCache.get(rows);
  if (cached && cached.key === key) return cached.widths;
  const widths = columns.map((c) => cellWidth(sanitize(c)));
  const sample = rows.length <= SAMPLE_ROWS ? rows : [...rows.slice(0, SAMPLE_ROWS / 2), ...rows.slice(-SAMPLE_ROWS / 2)];
  for (const row of sample) {
    columns.forEach((c, i) => {
      const w = cellWidth(sanitizeHead(cellValue(row, c), 200).text);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    });
  }
  widthCache.set(rows, { key, widths });
  return widths;
}

export interface TableWindow {
  /** Cursor row (absolute index). */
  row: number;
  /** First row shown. */
  top: number;
  /** First column shown. */
  left: number;
}

export interface TableLine {
  /** `!` flagged, `•` near the alert time, or blank. */
  marker: string;
  text: string;
  index: number;
  selected: boolean;
  flagged: boolean;
  near: boolean;
}

export interface TableView {
  header: string;
  lines: TableLine[];
  /** Columns shown: [first, last] (0-based, inclusive), and how many there are. */
  shown: [number, number];
  columnCount: number;
  /** The window after clamping to the data (rows may have changed under the view). */
  window: TableWindow;
}

const EMPTY_MARKS = { flagged: new Set<number>(), near: new Set<number>() };
const marksCache = new WeakMap<RunRecord, { flagged: Set<number>; near: Set<number> }>();

/** Rows a finding flagged and rows near the alert time, once per run record (they can be 100k long). */
export function markedRows(run: RunRecord | undefined): { flagged: ReadonlySet<number>; near: ReadonlySet<number> } {
  if (!run) return EMPTY_MARKS;
  const cached = marksCache.get(run);
  if (cached) return cached;
  const flagged = new Set<number>();
  for (const f of run.findings) for (const r of f.rows) flagged.add(r);
  const marks = { flagged, near: new Set(run.nearAlert) };
  marksCache.set(run, marks);
  return marks;
}

export function layoutTable(
  columns: string[],
  rows: Row[],
  window: TableWindow,
  size: { width: number; height: number },
  marks: { flagged: ReadonlySet<number>; near: ReadonlySet<number> },
): TableView {
  const height = Math.max(1, size.height);
  const count = rows.length;
  const row = Math.max(0, Math.min(window.row, count - 1));
  let top = Math.max(0, Math.min(window.top, Math.max(0, count - height)));
  if (row < top) top = row;
  if (row >= top + height) top = row - height + 1;
  const left = Math.max(0, Math.min(window.left, Math.max(0, columns.length - 1)));

  const natural = naturalWidths(columns, rows);
  // Two cells stay free at the right for the "more columns" mark.
  const room = Math.max(4, size.width - MARKER_WIDTH - 2);
  const cap = Math.max(8, Math.min(40, Math.floor(room * 0.6)));
  // Take columns from `left` while they fit; the last one shown may be narrowed to fill the space.
  const visible: { index: number; width: number }[] = [];
  let used = 0;
  for (let i = left; i < columns.length; i++) {
    const sep = visible.length > 0 ? SEPARATOR.length : 0;
    const want = Math.max(1, Math.min(cap, natural[i] ?? 1));
    const space = room - used - sep;
    if (space < Math.min(want, 4)) break;
    const width = Math.min(want, space);
    visible.push({ index: i, width });
    used += sep + width;
    if (width < want) break;
  }

  const moreRight = (visible[visible.length - 1]?.index ?? columns.length) < columns.length - 1;
  const header =
    (left > 0 ? '« ' : ' '.repeat(MARKER_WIDTH)) +
    visible.map((v) => fit(sanitize(columns[v.index] ?? ''), v.width)).join(SEPARATOR) +
    (moreRight ? ' »' : '');
  const lines: TableLine[] = [];
  for (let i = top; i < Math.min(count, top + height); i++) {
    const data = rows[i];
    const text = visible.map((v) => fit(cellText(cellValue(data, columns[v.index] ?? ''), v.width), v.width)).join(SEPARATOR);
    const flagged = marks.flagged.has(i);
    const near = marks.near.has(i);
    lines.push({ marker: flagged ? '! ' : near ? '• ' : '  ', text, index: i, selected: i === row, flagged, near });
  }
  const first = visible[0]?.index ?? left;
  const lastShown = visible[visible.length - 1]?.index ?? left;
  return { header, lines, shown: [first, lastShown], columnCount: columns.length, window: { row, top, left } };
}

/** A cell cut before cleaning (a 10 kB value costs no more than a short one); a cut always shows an ellipsis. */
function cellText(value: string, width: number): string {
  const head = sanitizeHead(value, width * 2 + 8);
  return head.cut ? `${head.text}…` : head.text;
}
