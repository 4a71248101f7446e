/**
 * osqueryi's output, byte for byte: JSON (one row per line, keys sorted), indented JSON, the boxed table, and the
 * SQLite-shell modes list, line and csv. In the JSON and table modes each row is a map, so a repeated column
 * name keeps its last value; the other modes print columns as the statement returns them.
 */
import type { ShellSettings } from './osqueryi-args.js';

export interface StatementRows {
  columns: readonly string[];
  rows: readonly (readonly (string | null)[])[];
}

type RowMap = Map<string, string>;

/** One run of SQL text (one or more statements): rows go in as they come, the text comes out at the end. */
export class ShellOutput {
  private text = '';
  private readonly maps: RowMap[] = [];
  private tableColumns: readonly string[] | null = null;

  constructor(private readonly settings: ShellSettings) {}

  add({ columns, rows }: StatementRows): void {
    const s = this.settings;
    if (s.mode === 'pretty') {
      if (rows.length > 0 && this.tableColumns === null) this.tableColumns = columns;
      for (const row of rows) this.maps.push(new Map(columns.map((c, i) => [c, row[i] ?? s.nullvalue])));
      return;
    }
    rows.forEach((row, n) => {
      const values = row.map((v) => v ?? s.nullvalue);
      if (s.mode === 'line') {
        const width = Math.max(5, ...columns.map((c) => Buffer.byteLength(c)));
        if (n > 0) this.text += '\n';
        columns.forEach((c, i) => {
          this.text += `${' '.repeat(Math.max(0, width - Buffer.byteLength(c)))}${c} = ${values[i] ?? ''}\n`;
        });
        return;
      }
      if (n === 0 && s.header) {
        this.text += `${columns.map((c) => (s.mode === 'csv' ? csvField(c, s.separator) : c)).join(s.separator)}\n`;
      }
      const cells = s.mode === 'csv' ? row.map((v) => (v === null ? s.nullvalue : csvField(v, s.separator))) : values;
      this.text += `${cells.join(s.separator)}\n`;
    });
  }

  finish(): string {
    const s = this.settings;
    if (s.mode === 'pretty') {
      if (s.jsonPretty) this.text += `${jsonPretty(this.maps)}\n`;
      else if (s.json) this.text += json(this.maps);
      else this.text += table(this.maps, this.tableColumns ?? []);
    }
    const out = this.text;
    this.text = '';
    this.maps.length = 0;
    this.tableColumns = null;
    return out;
  }
}

function sortedKeys(row: RowMap): string[] {
  return [...row.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function json(rows: readonly RowMap[]): string {
  const lines = rows.map((row) => `  {${sortedKeys(row).map((k) => `${jsonString(k)}:${jsonString(row.get(k) ?? '')}`).join(',')}}`);
  return `[\n${lines.join(',\n')}\n]\n`;
}

function jsonPretty(rows: readonly RowMap[]): string {
  if (rows.length === 0) return '[]';
  const objects = rows.map((row) => {
    const members = sortedKeys(row).map((k) => `        ${jsonString(k)}: ${jsonString(row.get(k) ?? '')}`);
    return `    {\n${members.join(',\n')}\n    }`;
  });
  return `[\n${objects.join(',\n')}\n]`;
}

/** JSON string as osquery's JSON writer escapes it: quote, backslash and control characters only. */
export function jsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20) out += CONTROL_ESCAPES[code] ?? `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const CONTROL_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** The boxed table osqueryi prints by default; nothing at all for no rows. Widths count characters. */
function table(rows: readonly RowMap[], columns: readonly string[]): string {
  if (rows.length === 0) return '';
  const size = (t: string): number => [...t].length;
  const widths = new Map<string, number>();
  for (const row of rows) row.forEach((v, k) => widths.set(k, Math.max(widths.get(k) ?? 0, size(v))));
  rows[0]?.forEach((_, k) => widths.set(k, Math.max(widths.get(k) ?? 0, size(k))));
  const width = (c: string): number => widths.get(c) ?? size(c);
  const rule = `+${columns.map((c) => `${'-'.repeat(width(c) + 2)}+`).join('')}\n`;
  const header = `|${columns.map((c) => ` ${c}${' '.repeat(Math.max(0, width(c) - size(c)))} |`).join('')}\n`;
  const body = rows.map((row) => {
    const cells = columns.map((c) => {
      const v = row.get(c) ?? '';
      return `| ${v}${' '.repeat(Math.max(0, width(c) - size(v)) + 1)}`;
    });
    return `${cells.join('')}|\n`;
  });
  return rule + header + rule + body.join('') + rule;
}

/** Quoted when it holds a quote, a control or non-ASCII byte, a space... or the separator, as the SQLite shell does. */
function csvField(text: string, separator: string): string {
  const needsQuotes = [...Buffer.from(text)].some((b) => NEEDS_CSV_QUOTE(b)) || (separator !== '' && text.includes(separator[0] as string) && (separator.length === 1 || text.startsWith(separator)));
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The SQLite shell quotes fields with bytes below '!', '"', '\'' or above '~'. */
function NEEDS_CSV_QUOTE(byte: number): boolean {
  return byte <= 0x20 || byte === 0x22 || byte === 0x27 || byte >= 0x7f;
}
