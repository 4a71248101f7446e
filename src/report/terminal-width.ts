import stringWidth from 'string-width';

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
