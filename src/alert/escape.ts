/**
 * Input text quoted for a one-line terminal message. Alert bytes come from attackers, so anything that could
 * move the cursor, start an escape sequence, break the line or reorder the display is shown as an escape.
 */

const MAX_QUOTED = 60;

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  switch (ch) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\\': return '\\\\';
    case '"': return '\\"';
    default: break;
  }
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

// C0, DEL, C1, line/paragraph separators, bidi controls, zero-width and BOM characters, lone surrogates.
const UNSAFE = /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `"text"` with unsafe characters escaped, cut to a short length. */
export function quoteInput(text: string, max = MAX_QUOTED): string {
  // Cut before splitting into characters: the text may be megabytes long.
  const chars = Array.from(text.slice(0, max * 2 + 2));
  const cut = chars.length > max ? chars.slice(0, max).join('') : text;
  const body = cut.replace(UNSAFE, escapeChar);
  return `"${body}${chars.length > max ? '…' : ''}"`;
}

/** Escapes unsafe characters without adding quotes (for file names the responder typed). */
export function escapeInput(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\\' || ch === '"' ? ch : escapeChar(ch)));
}

/** How a message names where the alert came from. */
export function displayOrigin(origin: string): string {
  if (origin === '-') return 'stdin';
  return origin === '' ? '""' : escapeInput(origin);
}
