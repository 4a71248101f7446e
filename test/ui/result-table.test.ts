import { describe, expect, test } from 'vitest';
import type { Row } from '../../src/engine/types.js';
import { cellWidth } from '../../src/ui/text-width.js';
import { layoutTable } from '../../src/ui/triage/result-table.js';

const none = { flagged: new Set<number>(), near: new Set<number>() };

/** Rows whose cells count how often they are read. */
function countedRows(n: number, reads: { count: number }): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const row = {} as Row;
    for (const c of ['pid', 'name', 'path']) {
      Object.defineProperty(row, c, {
        enumerable: true,
        get() {
          reads.count++;
          return c === 'pid' ? String(i) : `${c}-${i}`;
        },
      });
    }
    return row;
  });
}

describe('result table', () => {
  test('only the visible window of a 100k-row result is read and formatted (plus a fixed width sample)', () => {
    const reads = { count: 0 };
    const rows = countedRows(100_000, reads);
    const view = layoutTable(['pid', 'name', 'path'], rows, { row: 50_000, top: 49_995, left: 0 }, { width: 60, height: 12 }, none);
    expect(view.lines).toHaveLength(12);
    expect(view.lines.map((l) => l.index)).toEqual(Array.from({ length: 12 }, (_, i) => 49_995 + i));
    expect(view.lines.find((l) => l.selected)?.index).toBe(50_000);
    expect(reads.count).toBeLessThanOrEqual(300 * 3 + 12 * 3);
    reads.count = 0;
    layoutTable(['pid', 'name', 'path'], rows, { row: 50_001, top: 49_995, left: 0 }, { width: 60, height: 12 }, none);
    expect(reads.count).toBe(12 * 3); // widths are remembered per result
  });

  test('CJK cells keep every line the same width, so columns stay aligned', () => {
    const rows: Row[] = [
      { user: '管理员', note: '账户已锁定 locked' },
      { user: 'root', note: 'ok' },
      { user: 'ａｂｃ', note: '\u001b[31mred' },
    ];
    const view = layoutTable(['user', 'note'], rows, { row: 0, top: 0, left: 0 }, { width: 30, height: 5 }, none);
    const widths = new Set([view.header, ...view.lines.map((l) => l.marker + l.text)].map((t) => cellWidth(t)));
    expect(widths.size).toBe(1);
    const seps = [view.header, ...view.lines.map((l) => l.marker + l.text)].map((t) => cellWidth(t.slice(0, t.indexOf('│'))));
    expect(new Set(seps).size).toBe(1);
    expect(view.lines[2]?.text).toContain('␛red');
  });

  test('wide cells are cut with an ellipsis; scrolling right shows later columns and marks what is hidden', () => {
    const cols = ['a', 'b', 'c', 'd', 'e', 'f'];
    const rows: Row[] = [Object.fromEntries(cols.map((c) => [c, `${c}`.repeat(30)]))];
    const first = layoutTable(cols, rows, { row: 0, top: 0, left: 0 }, { width: 40, height: 3 }, none);
    expect(first.lines[0]?.text).toContain('…');
    expect(first.header.endsWith('»')).toBe(true);
    const moved = layoutTable(cols, rows, { row: 0, top: 0, left: 5 }, { width: 40, height: 3 }, none);
    expect(moved.shown).toEqual([5, 5]);
    expect(moved.header.startsWith('«')).toBe(true);
    for (const line of [first.header, moved.header, ...first.lines.map((l) => l.marker + l.text)]) expect(cellWidth(line)).toBeLessThanOrEqual(40);
  });

  test('flagged rows and rows near the alert are marked; a stale window is clamped to the data', () => {
    const rows: Row[] = Array.from({ length: 5 }, (_, i) => ({ n: String(i) }));
    const view = layoutTable(['n'], rows, { row: 99, top: 90, left: 9 }, { width: 20, height: 3 }, { flagged: new Set([4]), near: new Set([3]) });
    expect(view.window).toEqual({ row: 4, top: 2, left: 0 });
    expect(view.lines.map((l) => l.marker)).toEqual(['  ', '• ', '! ']);
  });
});
