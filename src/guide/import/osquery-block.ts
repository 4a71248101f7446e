import type { OsqueryEntry } from './types.js';

/** A `!{osquery{...}}` block found in a markdown note: its span, and the entry or why it could not be read. */
export type OsqueryBlock = { start: number; end: number } & ({ ok: true; entry: OsqueryEntry } | { ok: false; error: string });

const OPENER = '!{osquery';
/** Longer than any real query block; bounds the work a hostile note can cause. */
export const MAX_BLOCK_CHARS = 16_384;
export const MAX_BLOCKS = 200;

/**
 * Every `!{osquery{...}}` block of a note. The JSON object is read honouring strings and escapes, so a `}` inside a
 * query does not end the block (Kibana's own parser counts braces blindly and cuts such a query short).
 */
export function findOsqueryBlocks(note: string): OsqueryBlock[] {
  const blocks: OsqueryBlock[] = [];
  let from = 0;
  for (;;) {
    const start = note.indexOf(OPENER, from);
    if (start < 0) return blocks;
    if (blocks.length === MAX_BLOCKS) {
      blocks.push(fail(start, note.length, `more than ${MAX_BLOCKS} osquery blocks; the rest of the note is left out`));
      return blocks;
    }
    const block = readBlock(note, start);
    blocks.push(block);
    from = Math.max(block.end, start + OPENER.length);
  }
}

function readBlock(note: string, start: number): OsqueryBlock {
  const objStart = skipSpaces(note, start + OPENER.length);
  const lineEnd = endOfLine(note, start);
  if (note[objStart] !== '{') return fail(start, lineEnd, 'expected a JSON object after "!{osquery"');
  const objEnd = endOfObject(note, objStart);
  if (objEnd < 0) return fail(start, lineEnd, 'the JSON object is not closed (unbalanced braces or an unterminated string)');
  const close = skipSpaces(note, objEnd);
  const end = note[close] === '}' ? close + 1 : objEnd;
  if (note[close] !== '}') return fail(start, end, 'the block is not closed with "}" after its JSON object');
  let value: unknown;
  try {
    value = JSON.parse(note.slice(objStart, objEnd));
  } catch (err) {
    return fail(start, end, `the block is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(start, end, 'the block is not a JSON object');
  const { query, label } = value as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return fail(start, end, 'the block has no "query"');
  const entry: OsqueryEntry = { label: typeof label === 'string' && label.trim() !== '' ? label.trim() : '', query };
  return { start, end, ok: true, entry };
}

/** Index just past the object that opens at `i`, or -1 when the text (or MAX_BLOCK_CHARS) ends first. */
function endOfObject(text: string, i: number): number {
  let depth = 0;
  let inString = false;
  const stop = Math.min(text.length, i + MAX_BLOCK_CHARS);
  for (let j = i; j < stop; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? j + 1 : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

function fail(start: number, end: number, error: string): OsqueryBlock {
  return { start, end, ok: false, error };
}
