import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/**
 * Reading a guide's identity (rule_id, names) or a query's id from the text of its file without the YAML parser:
 * only forms whose meaning is certain are read; anything else answers undefined, and the caller parses the file.
 */

/**
 * A guide file's top-level `rule_id` and `name` texts when both are written as simple scalars (plain, possibly folded
 * over several lines, or quoted on one line without escapes), the way guides are written by import and by hand;
 * undefined when unsure.
 */
export function guideKeys(text: string, complete = true): { ruleId: string; names: string[] } | undefined {
  const ruleId = /^rule_id:[ \t]*(.*)$/m.exec(text);
  const name = /^name:[ \t]*$/m.exec(text);
  if (!ruleId || !name) return undefined;
  const id = scalar(ruleId[1] ?? '', linesAfter(text, ruleId.index, complete), 0);
  if (id === undefined) return undefined;
  const names: string[] = [];
  const block = linesAfter(text, name.index, complete);
  for (let i = 0; i < block.length; i++) {
    const line = block[i] as string;
    if (line.trim() === '') continue;
    if (!/^[ \t]/.test(line)) return names.length > 0 ? { ruleId: id.text, names } : undefined;
    const m = /^([ \t]+)(?:en|zh-CN|'zh-CN'|"zh-CN"):[ \t]*(.*)$/.exec(line);
    const value = m ? scalar(m[2] ?? '', block.slice(i + 1), (m[1] ?? '').length) : undefined;
    if (value === undefined) return undefined;
    names.push(value.text);
    i += value.lines;
  }
  return undefined; // the block may go on past what was read
}

const LOOKAHEAD = 12;
/** Stands for the end of the text: a line at the margin, so nothing continues past it. */
const END_OF_TEXT = '\u0000';

/**
 * The (at most LOOKAHEAD) lines after the one holding `index`. Fewer only when the text ends: then a complete text
 * gets an end marker, while the cut-off last line of a partial one is dropped (what follows is unknown).
 */
function linesAfter(text: string, index: number, complete: boolean): string[] {
  const lines: string[] = [];
  let at = text.indexOf('\n', index);
  while (at >= 0 && lines.length < LOOKAHEAD) {
    const end = text.indexOf('\n', at + 1);
    if (end < 0 && !complete) break;
    lines.push(text.slice(at + 1, end < 0 ? text.length : end).replace(/\r$/, ''));
    at = end;
  }
  if (lines.length < LOOKAHEAD && complete) lines.push(END_OF_TEXT);
  return lines;
}

/**
 * A scalar's value and how many continuation lines it took, or undefined when YAML could read it differently
 * (escapes, quoted over lines, flow collections, tags, anchors, comments, block scalars, blank-line folding).
 */
function scalar(raw: string, next: string[], indent: number): { text: string; lines: number } | undefined {
  const deeper = (line: string): boolean => {
    const width = line.length - line.trimStart().length;
    return width > indent && width < line.length && /^[ \t]*$/.test(line.slice(0, width));
  };
  const more: string[] = [];
  let i = 0;
  for (; i < next.length && deeper(next[i] as string); i++) more.push((next[i] as string).trim());
  let j = i;
  while (j < next.length && (next[j] as string).trim() === '') j++;
  if (j === next.length || (j > i && deeper(next[j] as string))) return undefined;
  const v = raw.trim();
  const quoted = /^"([^"\\]*)"$/.exec(v) ?? /^'((?:[^']|'')*)'$/.exec(v);
  if (quoted) return more.length === 0 ? { text: (quoted[1] ?? '').replaceAll("''", "'"), lines: 0 } : undefined;
  const parts = [v, ...more];
  if (v === '' || /^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || parts.some((p) => / #|:\s|:$/.test(p))) return undefined;
  return { text: parts.join(' '), lines: more.length };
}

const HEAD_BYTES = 1024;
const headBuffer = Buffer.alloc(HEAD_BYTES);

/** The start of a file, where guides keep rule_id and name. */
export function readHead(file: string): { text: string; complete: boolean } {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const n = readSync(fd, headBuffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end decodes to U+FFFD on the last line, which a partial read drops anyway.
    return { text: headBuffer.toString('utf8', 0, n), complete: n < HEAD_BYTES };
  } catch {
    return { text: '', complete: true };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The whole file, for a guide whose keys are not in its head; '' when unreadable (the parser reports why). */
export function readWhole(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A guide file's keys from its head, reading the whole file only when the head is not enough. */
export function scanGuideKeys(file: string): { ruleId: string; names: string[] } | undefined {
  const head = readHead(file);
  return guideKeys(head.text, head.complete) ?? (head.complete ? undefined : guideKeys(readWhole(file)));
}

/**
 * A query file's id when the first line of its metadata header is `id: <plain id>`: YAML cannot read that line any
 * other way (a value continued on more lines, or a second id key, makes the file invalid, which the parser reports).
 */
export function queryHeaderId(text: string): string | undefined {
  const header = /^\s*\/\*([\s\S]*?)\*\//.exec(text)?.[1];
  if (header === undefined) return undefined;
  const first = header.split('\n').find((line) => line.trim() !== '');
  return first === undefined ? undefined : /^id:[ \t]*([a-z0-9][a-z0-9-]*)[ \t]*$/.exec(first)?.[1];
}
