import { createHash } from 'node:crypto';

/** Lowercase letters, digits and single dashes; at most `max` characters, cut at a word boundary. */
export function slug(text: string, max = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let out = '';
  for (const w of words) {
    const next = out === '' ? w : `${out}-${w}`;
    if (next.length > max) {
      if (out === '') out = w.slice(0, max);
      break;
    }
    out = next;
  }
  return out;
}

/** First `length` hex digits of the SHA-256 of a text: a stable short suffix. */
export function shortHash(text: string, length = 6): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** SQL text compared across rules: whitespace runs collapsed, ends trimmed, a trailing `;` dropped. */
export function normaliseSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '');
}

/**
 * Elastic's `{{field}}` / `{{ field }}` placeholders become ours (`<<field>>`). Anything that is not a well-formed
 * field placeholder (mustache sections, stray braces) is left as written.
 */
export function convertPlaceholders(sql: string): string {
  return sql.replace(/\{\{\s*([A-Za-z_@][A-Za-z0-9_.@-]*)\s*\}\}/g, '<<$1>>');
}
