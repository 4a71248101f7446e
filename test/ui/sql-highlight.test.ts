import { describe, expect, test } from 'vitest';
import { renderQuery } from '../../src/sql/render.js';
import { highlightSql, markPlaceholders, sqlWindow, wrapSegments, type StyledLine } from '../../src/ui/triage/sql-highlight.js';
import { cellWidth } from '../../src/ui/text-width.js';

/** Render with the real renderer, then highlight: the marked pieces must be exactly the values. */
function marked(template: string, fields: Record<string, string[]>): { sql: string; values: string[] } {
  const rendering = renderQuery(template, fields);
  if (rendering.status !== 'ready') throw new Error(rendering.status);
  const run = rendering.runs[0];
  if (!run) throw new Error('no run');
  const segments = highlightSql(template, run.sql, run.values);
  expect(segments.map((s) => s.text).join('')).toBe(run.sql);
  return { sql: run.sql, values: segments.filter((s) => s.value).map((s) => s.text) };
}

describe('substituted values in the rendered SQL', () => {
  test('bare placeholders: the value between the added quotes is marked', () => {
    expect(marked('SELECT * FROM users WHERE username = <<user.name>>;', { 'user.name': ['alice'] }).values).toEqual(['alice']);
  });

  test('inside a literal, with quotes in the value doubled, and the same field twice', () => {
    const out = marked("SELECT * FROM file WHERE path = <<file.path>> OR path LIKE '<<file.path>>.%';", { 'file.path': ["/tmp/it's"] });
    expect(out.values).toEqual(["/tmp/it''s", "/tmp/it''s"]);
  });

  test('hostile values stay marked as values, whatever they contain', () => {
    const evil = "x' OR 1=1; -- <<user.name>> >>";
    const out = marked('SELECT 1 WHERE a = <<user.name>> AND b = <<host.name>>', { 'user.name': [evil], 'host.name': ['h'] });
    expect(out.values).toEqual([evil.replaceAll("'", "''"), 'h']);
  });

  test('a placeholder in a comment is left as written; a statement that does not line up is shown unmarked', () => {
    const template = 'SELECT 1 -- about <<user.name>>\nWHERE a = <<user.name>>';
    const out = marked(template, { 'user.name': ['bob'] });
    expect(out.values).toEqual(['bob']);
    expect(highlightSql(template, 'SELECT 2', { 'user.name': 'bob' })).toEqual([{ text: 'SELECT 2', value: false }]);
  });

  test('a waiting query shows its placeholders marked', () => {
    expect(markPlaceholders('a = <<file.path>>').filter((s) => s.value).map((s) => s.text)).toEqual(['<<file.path>>']);
  });

  test('wrapping keeps marks, sanitises, and never exceeds the width (CJK values included)', () => {
    const lines = wrapSegments([{ text: "SELECT * FROM users WHERE name = '", value: false }, { text: '管理员\u001b[2J账户', value: true }, { text: "'", value: false }], 12);
    for (const line of lines) expect(cellWidth(line.map((s) => s.text).join(''))).toBeLessThanOrEqual(12);
    const values = lines.flatMap((l) => l.filter((s) => s.value).map((s) => s.text)).join('');
    expect(values).toBe('管理员␛账户');
  });
});

describe('a long statement in a short space', () => {
  const lines = (hot: number, n = 30): StyledLine[] => Array.from({ length: n }, (_, i) => [{ text: `line ${i}`, value: i === hot }]);
  const fits = (w: ReturnType<typeof sqlWindow>, room: number): void => {
    expect(w.lines.length + (w.above > 0 ? 1 : 0) + (w.below > 0 ? 1 : 0)).toBeLessThanOrEqual(room);
    expect(w.above + w.lines.length + w.below).toBe(30);
  };

  test.each([0, 4, 5, 20, 28, 29])('the first substituted value (line %i) stays in view', (hot) => {
    const w = sqlWindow(lines(hot), 6);
    fits(w, 6);
    expect(w.lines.some((l) => l.some((s) => s.value))).toBe(true);
  });

  test('a statement that fits is shown whole', () => {
    expect(sqlWindow(lines(3, 5), 6)).toEqual({ lines: lines(3, 5), above: 0, below: 0 });
  });
});
