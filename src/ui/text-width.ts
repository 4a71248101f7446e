import stringWidth from 'string-width';

/**
 * Terminal cell arithmetic: CJK and other wide characters take two cells, so every cut, pad and wrap counts cells,
 * never code units. Input is expected to be sanitised already (no escape sequences).
 */

/**
 * Text made only of characters that are one cell wide and one UTF-16 unit long (ASCII, Latin-1, general punctuation,
 * a few arrows, box drawing, blocks, braille, control pictures and the glyphs the screens use): its width is its
 * length. Everything else goes through string-width. test/ui/text.test.ts checks the set against string-width.
 */
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u2190-\u2199\u21b5\u2400-\u2426\u2500-\u259f\u2800-\u28ff\u2713\u2717\u25cb\u2298\u25f7\u2691]*$/;
const PLAIN_ASCII = NARROW;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function cellWidth(text: string): number {
  return PLAIN_ASCII.test(text) ? text.length : stringWidth(text);
}

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Cut to at most `width` cells; a cut text ends in an ellipsis. Never splits a wide character. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (PLAIN_ASCII.test(text)) return text.length <= width ? text : `${text.slice(0, width - 1)}${ellipsis}`;
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width - 1) break;
    out += g;
    used += w;
  }
  return `${out}${ellipsis}`;
}

/** Exactly `width` cells: truncated with an ellipsis, or padded with spaces. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - cellWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** Wrap to lines of at most `width` cells: at spaces when possible, hard-breaking long words (and CJK anywhere). */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph === '') {
      lines.push('');
      continue;
    }
    let line = '';
    let used = 0;
    let lastSpace = -1; // index in `line` after which a break is nicest
    for (const g of graphemes(paragraph)) {
      const gw = stringWidth(g);
      if (used + gw > w) {
        if (g === ' ') {
          lines.push(line);
          line = '';
          used = 0;
          lastSpace = -1;
          continue;
        }
        if (lastSpace > 0) {
          lines.push(line.slice(0, lastSpace).trimEnd());
          line = line.slice(lastSpace);
          used = cellWidth(line);
        } else {
          lines.push(line);
          line = '';
          used = 0;
        }
        lastSpace = -1;
      }
      line += g;
      used += gw;
      if (g === ' ') lastSpace = line.length;
    }
    lines.push(line);
  }
  return lines;
}
