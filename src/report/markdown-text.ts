import { cut, visible, visibleKeepLines } from './text.js';

/**
 * Markdown that renders the same on GitHub and in ticket systems whatever a value holds. Inline text never starts a
 * line (line breaks are shown as \n), so only inline syntax needs neutralising: every character that could open
 * emphasis, a code span, a link, raw HTML, an entity, strikethrough, math or a table cell is backslash-escaped, and
 * bare web addresses are kept from becoming links.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&!#$]/g;

export function mdText(text: string): string {
  return visible(text)
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    // GFM turns bare URLs into links; an attacker's URL stays text the reader has to copy.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** A table cell: cut to `max` characters first (10 kB lines stay readable), then made inert. */
export function mdCell(value: string, max: number, cutNote: (more: number) => string): string {
  const c = cut(value, max);
  const body = mdText(c.text);
  return c.more > 0 ? `${body} *${mdText(cutNote(c.more))}*` : body;
}

/** A code span for text we produced ourselves (hashes, result file names); anything else is shown as plain text. */
export function mdCode(text: string): string {
  return /^[\w./:#-]+$/.test(text) ? `\`${text}\`` : mdText(text);
}

/** A fenced code block that no content can close: the fence is longer than any backtick run inside. */
export function mdFence(code: string, info = ''): string {
  const body = visibleKeepLines(code).replace(/\n+$/, '');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

export function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
