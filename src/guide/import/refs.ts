import { findOsqueryBlocks } from './osquery-block.js';
import type { OsqueryEntry } from './types.js';

/** Marker a query reference leaves in the note text: private-use characters around the entry index (none: unusable). */
export const MARK = /\uE000(\d*)\uE001/g;
const mark = (index?: number): string => `\uE000${index ?? ''}\uE001`;

export interface MarkedNote {
  /** The note with each query reference replaced by a marker naming its entry. */
  text: string;
  /** Listed entries first (their `$osquery_N` index kept), then the note's own `!{osquery}` blocks. */
  entries: OsqueryEntry[];
  /** Indices of entries the note references. */
  referenced: Set<number>;
  warnings: string[];
}

/**
 * Replace the note's query references by markers: `!{osquery{...}}` blocks (any note), and `$osquery_N` when the
 * rule lists its entries beside the note. References to entries that do not exist are reported and removed.
 */
export function markQueryRefs(note: string, listed: OsqueryEntry[] | undefined): MarkedNote {
  const clean = note.replace(/[\uE000\uE001]/g, '');
  const entries: OsqueryEntry[] = [...(listed ?? [])];
  const referenced = new Set<number>();
  const warnings: string[] = [];

  let text = '';
  let last = 0;
  for (const block of findOsqueryBlocks(clean)) {
    text += clean.slice(last, block.start);
    last = block.end;
    if (!block.ok) {
      warnings.push(`malformed osquery block at line ${lineOf(clean, block.start)}: ${block.error}`);
      text += mark();
      continue;
    }
    const index = entries.length;
    entries.push({ ...block.entry, label: block.entry.label || `Osquery query ${index + 1}` });
    referenced.add(index);
    text += mark(index);
  }
  text += clean.slice(last);

  if (listed) {
    text = text.replace(/\$osquery_(\d+)(?!\w)/g, (ref: string, n: string) => {
      const index = Number(n);
      if (index < listed.length) {
        referenced.add(index);
        return mark(index);
      }
      const range = listed.length === 0 ? 'none' : `$osquery_0..$osquery_${listed.length - 1}`;
      const shown = ref.length > 20 ? `${ref.slice(0, 20)}...` : ref;
      warnings.push(`the note references ${shown}, which the rule does not list (its osquery entries: ${range})`);
      return mark();
    });
    listed.forEach((entry, index) => {
      if (!referenced.has(index)) {
        warnings.push(`osquery entry $osquery_${index} ("${entry.label}") is never referenced in the note; kept under "Additional queries"`);
      }
    });
  }
  return { text, entries, referenced, warnings };
}

/** Entry indices marked in a piece of text, and the text without them. */
export function takeRefs(text: string): { text: string; refs: number[] } {
  const marks = [...text.matchAll(MARK)];
  const refs = marks.filter((m) => m[1] !== '').map((m) => Number(m[1]));
  const rest = text.replace(MARK, '').replace(/[ \t]{2,}/g, ' ').trim();
  // "Check the user: $osquery_2" reads as a step without its colon once the query is taken out.
  return { text: marks.length > 0 && rest.endsWith(':') ? rest.slice(0, -1).trimEnd() : rest, refs };
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
