import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exportBundle, parseFormats } from '../report/bundle.js';
import { REPORT_FORMATS } from '../report/sums.js';
import { terminalSafe } from '../report/terminal-text.js';
import { verifyBundle } from '../report/verify.js';
import { AUDIT_FILE, SessionStore, StoreError } from '../triage/store.js';
import { parseFlags, stringFlag } from './args.js';
import { EXIT, type CliIO, type Command } from './io.js';

export const REPORT_USAGE = 'usage: osq-triage report DIR [--format md,html,json] [--lang en|zh-CN]';

/**
 * `osq-triage report DIR`: re-render the reports from the bundle (session.json + results/), record the export in the
 * audit log and rewrite SHA256SUMS. The language defaults to the session's.
 */
export const reportCommand: Command = async (args, io) => {
  const parsed = parseFlags(args, { format: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return usageError(io, parsed.message);
  if (parsed.values.help === true) {
    io.stdout.write(`${REPORT_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length !== 1) return usageError(io, 'expected one DIR');
  const formats = parseFormats(stringFlag(parsed.values.format) ?? REPORT_FORMATS.join(','));
  if (!formats.ok) return usageError(io, `--format takes md, html and json (comma-separated), not ${formats.unknown.map((u) => JSON.stringify(u)).join(', ')}`);
  const lang = stringFlag(parsed.values.lang);
  if (lang !== undefined && lang !== 'en' && lang !== 'zh-CN') return usageError(io, `--lang expects en or zh-CN, not ${JSON.stringify(lang)}`);
  const opened = await openBundle(resolve(io.cwd, parsed.positionals[0] as string), io, 'report');
  if (!opened.ok) return opened.code;
  const store = opened.store;
  const exported = await exportBundle(store, { formats: formats.formats, lang: lang ?? store.session.lang, at: new Date().toISOString() });
  for (const file of exported.files) io.stdout.write(`${terminalSafe(file)}\n`);
  io.stdout.write(`${terminalSafe(exported.sumsFile)} (audit head ${exported.sumsHead})\n`);
  return EXIT.ok;
};

/**
 * Open a bundle to continue it: 2 when DIR is no session, 1 when it fails verification for any reason a re-export
 * would not settle (a changed line, file or session.json): exporting over it would bless the change with fresh sums.
 */
export async function openBundle(dir: string, io: CliIO, command: string): Promise<{ ok: true; store: SessionStore } | { ok: false; code: number }> {
  const hasAudit = await access(join(dir, AUDIT_FILE)).then(() => true, () => false);
  if (!hasAudit) {
    io.stderr.write(`osq-triage ${command}: ${terminalSafe(dir)} holds no ${AUDIT_FILE}: not a triage session directory\n`);
    return { ok: false, code: EXIT.badInput };
  }
  const broken = (await verifyBundle(dir)).problems.find((p) => p.stale !== true);
  if (broken) {
    const where = broken.line !== undefined ? `${broken.file}:${broken.line}` : broken.file;
    io.stderr.write(`osq-triage ${command}: the bundle fails verification at ${terminalSafe(where)}: ${terminalSafe(broken.message)}; not continuing over it (see osq-triage verify)\n`);
    return { ok: false, code: EXIT.internal };
  }
  try {
    return { ok: true, store: await SessionStore.open(dir) };
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    io.stderr.write(`osq-triage ${command}: ${terminalSafe(err.message)}\n`);
    return { ok: false, code: EXIT.internal };
  }
}

function usageError(io: CliIO, message: string): number {
  io.stderr.write(`osq-triage report: ${terminalSafe(message)}\n${REPORT_USAGE}\n`);
  return EXIT.badInput;
}
