import stringWidth from 'string-width';

/**
 * Text from alerts, rows and guides made safe for a terminal: escape sequences (CSI, OSC, DCS, ...) removed whole,
 * other control characters and bidirectional overrides shown as visible escapes, so nothing an attacker names can
 * move the cursor, retitle the window, hide text or reorder what the responder reads.
 * Newlines and tabs become spaces unless `keepNewlines` (then only \n survives).
 */
export function terminalSafe(text: string, options: { keepNewlines?: boolean } = {}): string {
  const withoutSequences = text
    // OSC / DCS / SOS / PM / APC strings, terminated by BEL or ST (or running to the end)
    .replace(/\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)/g, '')
    .replace(/[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u009c|$)/g, '')
    // CSI sequences: ESC [ or 0x9b, parameters, intermediates, final byte
    .replace(/(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g, '')
    // two-character escapes
    .replace(/\u001b[\u0020-\u007e]?/g, '');
  let out = '';
  for (const ch of withoutSequences) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\n' && options.keepNewlines) out += ch;
    else if (ch === '\n' || ch === '\t' || ch === '\r') out += ' ';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f) {
      out += `\\u${code.toString(16)}`;
    } else out += ch;
  }
  return out;
}

/** Columns a string takes in a terminal (CJK wide characters count two). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cut a string to at most `width` columns, ending in an ellipsis when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Pad with spaces to exactly `width` columns (after truncating). */
export function padToWidth(text: string, width: number): string {
  const cut = truncateToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}
