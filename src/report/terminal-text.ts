/**
 * The one gate between attacker-controlled text (alert values, result rows, guide text, error messages) and the
 * terminal. Escape sequences are cut out whole and marked with ␛; other control characters become their visible
 * Unicode control pictures (so the responder sees that something was there); characters that reorder or hide text
 * (bidi overrides, zero-width marks, BOM) are dropped; lone surrogates become U+FFFD.
 */

// CSI (ESC [ or 8-bit CSI), OSC / DCS / SOS / PM / APC strings up to their terminator (or the end), two-byte ESC.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;

const INVISIBLE = /[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// C0 (tab and newline handled first), DEL, C1.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const UNSAFE_HINT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;

export interface SanitizeOptions {
  /** Keep line breaks (step text, wrapped row values); otherwise they show as ↵ so a value stays on one line. */
  multiline?: boolean;
}

function controlPicture(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** Text safe to hand to Ink. Cheap for ordinary text (one regex test). */
export function sanitize(text: string, options: SanitizeOptions = {}): string {
  if (!UNSAFE_HINT.test(text)) return text;
  const newline = options.multiline === true ? '\n' : '↵';
  return text
    .replace(ESCAPE_SEQUENCE, '␛')
    .replace(/\r\n?|[\n\u2028\u2029]/g, newline)
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, (ch) => (ch === '\n' && options.multiline === true ? ch : controlPicture(ch)));
}

/** Input with whole escape sequences removed (a paste that carried colour codes or a title change). */
export function withoutEscapes(text: string): string {
  return text.includes('\u001b') || /[\u0090-\u009f]/.test(text) ? text.replace(ESCAPE_SEQUENCE, '') : text;
}

/** A single-line value cut to at most `maxChars` code units before cleaning, for huge cells (10 kB lines). */
export function sanitizeHead(text: string, maxChars: number): { text: string; cut: boolean } {
  if (text.length <= maxChars) return { text: sanitize(text), cut: false };
  return { text: sanitize(text.slice(0, maxChars)), cut: true };
}

/**
 * Text from alerts, rows and guides made safe for a plain terminal line: the same cleaning as the interactive
 * screens, so nothing an attacker names can move the cursor, retitle the window, hide text or reorder what the
 * responder reads. `keepNewlines` keeps line breaks (multi-line text); otherwise they show as ↵.
 */
export function terminalSafe(text: string, options: { keepNewlines?: boolean } = {}): string {
  return sanitize(text, { multiline: options.keepNewlines === true });
}
