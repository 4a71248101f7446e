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

/** Sanitise and hard-wrap marked text to `width` cells, keeping line breaks and each piece's mark. */
export function wrapSegments(segments: readonly SqlSegment[], width: number): StyledLine[] {
  const w = Math.max(1, width);
  const lines: StyledLine[] = [];
  let line: StyledLine = [];
  let used = 0;
  const push = (text: string, value: boolean): void => {
    const prev = line[line.length - 1];
    if (prev && prev.value === value) prev.text += text;
    else line.push({ text, value });
  };
  const breakLine = (): void => {
    lines.push(line);
    line = [];
    used = 0;
  };
  for (const seg of segments) {
    const clean = sanitize(seg.text, { multiline: true });
    for (const { segment: g } of segmenter.segment(clean)) {
      if (g === '\n' || g === '\r\n') {
        breakLine();
        continue;
      }
      const gw = cellWidth(g);
      if (used + gw > w) breakLine();
      push(g, seg.value);
      used += gw;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  // Trailing blank lines of a template add nothing.
  while (lines.length > 1 && lines[lines.length - 1]?.every((s) => s.text.trim() === '')) lines.pop();
  return lines;
}
