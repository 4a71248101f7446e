import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../guide/model.js';
import { writeFileAtomic } from '../triage/atomic.js';
import type { SessionStore } from '../triage/store.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { loadRunRows } from './load.js';
import { renderMarkdown } from './markdown.js';
import { buildReport, type Report } from './model.js';
import { bundleFiles, formatSums, hashFile, REPORT_FILES, REPORT_FORMATS, SUMS_FILE, type ReportFormat } from './sums.js';

export interface ExportOptions {
  formats: ReportFormat[];
  lang: Language;
  /** The export time (UTC ISO 8601), recorded in the reports and the audit log. */
  at: string;
}

export interface ExportResult {
  /** Absolute paths of the reports written. */
  files: string[];
  /** Absolute path of SHA256SUMS. */
  sumsFile: string;
  /** Audit chain head the sums cover (the `exported` event's line hash). */
  sumsHead: string;
}

/**
 * Export the bundle: write the reports (atomically), record an `exported` event, then write SHA256SUMS over every
 * bundle file (see `bundleFiles`). Reports of other formats left by an earlier export are re-rendered too, so every
 * report in the directory describes the same state the sums cover. Call it when no run is in flight: any later event
 * changes audit.jsonl and session.json, and `verify` then asks for a re-export.
 */
export async function exportBundle(store: SessionStore, options: ExportOptions): Promise<ExportResult> {
  const dir = store.dir;
  const formats = await withEarlierReports(dir, options.formats);
  const report = buildReport(store.session, await loadRunRows(dir, store.session), options.at);
  const written: string[] = [];
  for (const format of formats) {
    const file = REPORT_FILES[format];
    await writeFileAtomic(join(dir, file), render(report, format, options.lang));
    written.push(file);
  }
  await store.apply({ type: 'exported', formats, files: [...written, SUMS_FILE], at: options.at });
  const sumsHead = store.auditHead;
  const entries = [];
  for (const file of await bundleFiles(dir)) entries.push({ file, sha256: await hashFile(join(dir, file)) });
  await writeFileAtomic(join(dir, SUMS_FILE), formatSums(entries));
  return { files: written.map((f) => join(dir, f)), sumsFile: join(dir, SUMS_FILE), sumsHead };
}

export function render(report: Report, format: ReportFormat, lang: Language): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, lang);
    case 'html':
      return renderHtml(report, lang);
    case 'json':
      return renderJson(report, lang);
  }
}

async function withEarlierReports(dir: string, wanted: ReportFormat[]): Promise<ReportFormat[]> {
  const formats = new Set(wanted);
  for (const format of REPORT_FORMATS) {
    const exists = await access(join(dir, REPORT_FILES[format])).then(() => true, () => false);
    if (exists) formats.add(format);
  }
  return REPORT_FORMATS.filter((f) => formats.has(f));
}

/** `md,html,json` -> formats, or the unknown names. */
export function parseFormats(text: string): { ok: true; formats: ReportFormat[] } | { ok: false; unknown: string[] } {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(REPORT_FORMATS as string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) return { ok: false, unknown: unknown.length > 0 ? unknown : [text] };
  return { ok: true, formats: REPORT_FORMATS.filter((f) => names.includes(f)) };
}
