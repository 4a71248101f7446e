import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_FILE, RESULTS_DIR, SESSION_FILE } from '../triage/store.js';
import { insideBundle } from './load.js';

export const SUMS_FILE = 'SHA256SUMS';

export const REPORT_FILES = { md: 'report.md', html: 'report.html', json: 'report.json' } as const;
export type ReportFormat = keyof typeof REPORT_FILES;
export const REPORT_FORMATS = Object.keys(REPORT_FILES) as ReportFormat[];

/**
 * What SHA256SUMS covers: every file of the bundle as it stands right after an export — session.json, audit.jsonl
 * (including the `exported` event), every results/ file, and every report.* file. Only SHA256SUMS itself and the
 * store's interrupted temp files (dot files) are left out. Listed in this order, paths relative to the bundle.
 */
export async function bundleFiles(dir: string): Promise<string[]> {
  const top = await listFiles(dir);
  const results = (await listFiles(join(dir, RESULTS_DIR))).map((f) => `${RESULTS_DIR}/${f}`);
  const reports = Object.values(REPORT_FILES).filter((f) => top.includes(f));
  return [...[SESSION_FILE, AUDIT_FILE].filter((f) => top.includes(f)), ...results.sort(), ...reports];
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return [];
  }
}

export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export interface SumsEntry {
  sha256: string;
  file: string;
  line: number;
}

/** `sha256sum` text mode: "<hex>  <path>" per line. Our names never need sha256sum's backslash escaping. */
export function formatSums(entries: { sha256: string; file: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.file}\n`).join('');
}

export type ParsedSums = { ok: true; entries: SumsEntry[] } | { ok: false; line: number; message: string };

/** Read a SHA256SUMS file strictly: every line well formed, every path inside the bundle, no path twice. */
export function parseSums(text: string): ParsedSums {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const entries: SumsEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(lines[i] ?? '');
    if (!match) return { ok: false, line: i + 1, message: `${SUMS_FILE} line ${i + 1} is not "<sha256>  <file>"` };
    const file = match[2] as string;
    if (!insideBundle(file) || file.includes('\\') || file === SUMS_FILE) {
      return { ok: false, line: i + 1, message: `${SUMS_FILE} line ${i + 1} names a path outside the bundle` };
    }
    if (seen.has(file)) return { ok: false, line: i + 1, message: `${SUMS_FILE} line ${i + 1} lists a file a second time` };
    seen.add(file);
    entries.push({ sha256: match[1] as string, file, line: i + 1 });
  }
  return { ok: true, entries };
}
