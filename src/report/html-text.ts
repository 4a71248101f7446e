import { createHash } from 'node:crypto';
import { cut, visibleParts } from './text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Collected text as inert HTML: escaped, with invisible and steering characters shown as marked escapes (\x1b). */
export function htmlText(text: string, keepLines = false): string {
  return visibleParts(text, keepLines)
    .map((p) => (p.escape ? `<span class="ctl">${escapeHtml(p.plain)}</span>` : escapeHtml(p.plain)))
    .join('');
}

/** A table cell's content, cut to `max` characters with a note of how much was left out. */
export function htmlCell(value: string, max: number, cutNote: (more: number) => string): string {
  const c = cut(value, max);
  const body = htmlText(c.text);
  return c.more > 0 ? `${body}<span class="cut">${escapeHtml(cutNote(c.more))}</span>` : body;
}

/** The CSP source for one inline stylesheet: only that exact text may style the page, nothing may run. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/** A class-name fragment from a value we control (status, severity, verdict); anything else collapses to `x`. */
export function token(value: string): string {
  return /^[a-z0-9-]+$/.test(value) ? value : 'x';
}
