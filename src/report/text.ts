/**
 * Collected values come from the triaged host and the alert, so from attackers. Before a report shows them, every
 * character that could steer a terminal or hide/reorder text (C0, DEL, C1, bidi controls, zero-width marks, line and
 * paragraph separators, BOM, lone surrogates) becomes a visible escape such as \x1b, so the reader sees it was there.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const INVISIBLE_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One-line text with every invisible or steering character shown as an escape (newlines as \n). */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeChar);
}

/** Like `visible`, but keeps line breaks and tabs (SQL, which is multi-line by nature). */
export function visibleKeepLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(INVISIBLE_EXCEPT_LINES, escapeChar);
}

/** A value cut to `max` characters (never splitting a surrogate pair); `more` is how many were left out. */
export function cut(text: string, max: number): { text: string; more: number } {
  if (text.length <= max) return { text, more: 0 };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), more: text.length - end };
}

/** An ISO 8601 time normalised to UTC (`...Z`); text that is not a time is returned as is. */
export function utcIso(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

/** An epoch-seconds cell (osquery time columns) as UTC ISO 8601, or undefined when it is not one. */
export function epochIso(value: string): string | undefined {
  if (!/^\d{9,11}$/.test(value)) return undefined;
  const ms = Number(value) * 1000;
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : undefined;
}

/** Text split into plain runs and visible escapes, so a renderer can mark the escapes (HTML shows them styled). */
export function visibleParts(text: string, keepLines = false): { plain: string; escape: boolean }[] {
  const pattern = keepLines ? INVISIBLE_EXCEPT_LINES : INVISIBLE;
  const source = keepLines ? text.replace(/\r\n/g, '\n') : text;
  const parts: { plain: string; escape: boolean }[] = [];
  let last = 0;
  for (const match of source.matchAll(pattern)) {
    const at = match.index;
    if (at > last) parts.push({ plain: source.slice(last, at), escape: false });
    parts.push({ plain: escapeChar(match[0]), escape: true });
    last = at + match[0].length;
  }
  if (last < source.length) parts.push({ plain: source.slice(last), escape: false });
  return parts;
}
