import type { Row } from './types.js';

export type ParsedOutput = { ok: true; columns: string[]; rows: Row[] } | { ok: false; error: string };

/**
 * Parse `osqueryi --json` output. Values should all be strings; anything else is turned into its JSON text.
 * Invalid UTF-8 (osquery#8204: non-UTF-8 file names) and invalid JSON are reported, never thrown.
 */
export function parseOsqueryJson(bytes: Uint8Array): ParsedOutput {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'osqueryi printed bytes that are not valid UTF-8 (a file or process name that is not UTF-8?); the result cannot be read' };
  }
  if (text.trim() === '') return { ok: true, columns: [], rows: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `osqueryi printed output that is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!Array.isArray(data)) return { ok: false, error: 'osqueryi printed JSON that is not an array of rows' };
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const item of data) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return { ok: false, error: 'osqueryi printed a row that is not an object' };
    const row: Row = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
      row[key] = typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value);
    }
    rows.push(row);
  }
  return { ok: true, columns, rows };
}
