import { sanitize } from '../sanitize.js';
import { cellWidth } from '../text-width.js';

/** A piece of SQL text; `value` marks an alert (or hand-entered) value substituted into the guide's template. */
export interface SqlSegment {
  text: string;
  value: boolean;
}

const PLACEHOLDER = /<<\s*([A-Za-z_@][A-Za-z0-9_.@-]*)\s*>>/g;

/**
 * Find the substituted values in a rendered statement by walking it alongside its template: the text between
 * placeholders is copied verbatim by the renderer, and each placeholder became either a quoted literal (bare), the
 * escaped content (inside a literal), or stayed as written (inside a comment). When the walk does not line up the
 * statement comes back unmarked rather than wrongly marked.
 */
export function highlightSql(template: string, sql: string, values: Readonly<Record<string, string>>): SqlSegment[] {
  const parts: string[] = [];
  const fields: { name: string; raw: string }[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    fields.push({ name: m[1] ?? '', raw: m[0] });
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  if (fields.length === 0) return [{ text: sql, value: false }];

  const out: SqlSegment[] = [];
  let pos = 0;
  for (let i = 0; i < fields.length; i++) {
    const part = parts[i] ?? '';
    if (!sql.startsWith(part, pos)) return [{ text: sql, value: false }];
    if (part !== '') out.push({ text: part, value: false });
    pos += part.length;
    const field = fields[i];
    const value = field ? values[field.name] : undefined;
    const next = parts[i + 1] ?? '';
    const escaped = value?.replaceAll("'", "''");
    const candidates: SqlSegment[][] = [];
    if (escaped !== undefined) {
      candidates.push([{ text: "'", value: false }, { text: escaped, value: true }, { text: "'", value: false }]);
      candidates.push([{ text: escaped, value: true }]);
    }
    if (field) candidates.push([{ text: field.raw, value: false }]);
    const fits = candidates.find((c) => {
      const text = c.map((s) => s.text).join('');
      return sql.startsWith(text, pos) && sql.startsWith(next, pos + text.length);
    });
    if (!fits) return [{ text: sql, value: false }];
    for (const s of fits) if (s.text !== '') out.push(s);
    pos += fits.map((s) => s.text).join('').length;
  }
  const tail = parts[fields.length] ?? '';
  if (sql.slice(pos) !== tail) return [{ text: sql, value: false }];
  if (tail !== '') out.push({ text: tail, value: false });
  return out;
}

/** The template itself, its placeholders marked (a query still waiting for a value). */
export function markPlaceholders(template: string): SqlSegment[] {
  const out: SqlSegment[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push({ text: template.slice(last, m.index), value: false });
    out.push({ text: m[0], value: true });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last), value: false });
  return out;
}

export type StyledLine = SqlSegment[];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Sanitise and wrap marked text to `width` cells (at spaces when possible), keeping line breaks and each piece's mark. */
export function wrapSegments(segments: readonly SqlSegment[], width: number): StyledLine[] {
  const w = Math.max(1, width);
  const lines: { g: string; value: boolean }[][] = [];
  let line: { g: string; value: boolean }[] = [];
  let used = 0;
  for (const seg of segments) {
    const clean = sanitize(seg.text, { multiline: true });
    for (const { segment: g } of segmenter.segment(clean)) {
      if (g === '\n' || g === '\r\n') {
        lines.push(line);
        line = [];
        used = 0;
        continue;
      }
      const gw = cellWidth(g);
      if (used + gw > w) {
        const space = line.map((c) => c.g).lastIndexOf(' ');
        if (space > 0 && g !== ' ') {
          lines.push(line.slice(0, space + 1));
          line = line.slice(space + 1);
        } else {
          lines.push(line);
          line = [];
        }
        used = cellWidth(line.map((c) => c.g).join(''));
        if (g === ' ' && line.length === 0) continue;
      }
      line.push({ g, value: seg.value });
      used += gw;
    }
  }
  lines.push(line);
  const styled = lines.map(merge);
  // Trailing blank lines of a template add nothing.
  while (styled.length > 1 && styled[styled.length - 1]?.every((s) => s.text.trim() === '')) styled.pop();
  return styled;
}

function merge(chars: { g: string; value: boolean }[]): StyledLine {
  const out: StyledLine = [];
  for (const { g, value } of chars) {
    const prev = out[out.length - 1];
    if (prev && prev.value === value) prev.text += g;
    else out.push({ text: g, value });
  }
  return out;
}

/**
 * At most `room` lines of a statement, keeping the first substituted value in view (with a line of context before
 * it); `above` and `below` count the lines left out, each shown as one marker line inside the room.
 */
export function sqlWindow(lines: StyledLine[], room: number): { lines: StyledLine[]; above: number; below: number } {
  if (lines.length <= room) return { lines, above: 0, below: 0 };
  const r = Math.max(3, room);
  const hot = Math.max(0, lines.findIndex((l) => l.some((s) => s.value)));
  let start = 0;
  let count = r - 1;
  if (hot >= r - 1) {
    if (hot >= lines.length - (r - 1)) start = lines.length - (r - 1);
    else {
      start = hot - 1;
      count = r - 2;
    }
  }
  const shown = lines.slice(start, start + count);
  return { lines: shown, above: start, below: lines.length - start - shown.length };
}
