import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Row } from '../engine/types.js';
import { catalogProblems } from '../guide/catalog.js';
import { exportBundle } from '../report/bundle.js';
import { terminalSafe } from '../report/terminal-text.js';
import { executeRuns } from '../triage/execute.js';
import type { Session } from '../triage/model.js';
import { readyRuns } from '../triage/reducer.js';
import type { SessionStore } from '../triage/store.js';
import { EXIT, type CliIO, type Command } from './io.js';
import { formatHeader, formatSteps, summaryLine } from './print-session.js';
import { openAlert, openGuideLibrary } from './start-session.js';
import { cliStrings } from './strings.js';
import { engineFor, parseTriageOptions, pickAlert, readAlerts, sessionSetup, type TriageOptions } from './triage-options.js';

export const RUN_USAGE = `usage: osq-triage run ALERT|- [--rule RULE_ID|NAME] [--set FIELD=VALUE]... [--alert N|ID]
       [--engine auto|osqueryi|builtin|ssh:[user@]host[:sudo]] [--osqueryi PATH] [--root DIR] [--guides DIR]...
       [--out DIR] [--lang en|zh-CN] [--timeout SEC] [--concurrency N] [--json]`;

export const runCommand: Command = async (args, io) => {
  const parsed = parseTriageOptions(args, io.env);
  if (!parsed.ok) return fail(io, parsed.message);
  if (parsed.value.help) {
    io.stdout.write(`${RUN_USAGE}\n`);
    return EXIT.ok;
  }
  return runTriage(parsed.value, io);
};

/** The non-interactive triage: every ready query runs, the bundle and all reports are written, a summary printed. */
export async function runTriage(options: TriageOptions, io: CliIO): Promise<number> {
  const alerts = await readAlerts(options);
  if (!alerts.ok) return fail(io, alerts.message);
  const alert = pickAlert(alerts.value, options.pick);
  if (!alert.ok) return fail(io, alert.message);

  const library = await openGuideLibrary(options.guides, io.cwd);
  // Problems known once the guide is found: from the indexes, and from every file that had to be parsed.
  let warned = false;
  const warnOnce = (): void => {
    if (warned) return;
    warned = true;
    for (const problem of catalogProblems(library)) io.stderr.write(`osq-triage: warning: ${terminalSafe(problem.file)}: ${terminalSafe(problem.message)}\n`);
  };
  const engine = await engineFor(options, io);
  if (!engine.ok) {
    warnOnce();
    return fail(io, engine.message, EXIT.incomplete);
  }
  try {
    const opened = await openAlert(alert.value, sessionSetup(options, io, library, engine));
    warnOnce();
    if (!opened.ok) return fail(io, opened.message);
    if (!options.json) io.stdout.write(formatHeader(opened.store.session, opened.store.dir, engine.why));
    return await executeAndReport(opened.store, engine.engine, options, io);
  } finally {
    await engine.engine.close?.();
  }
}

/** Run what is ready, export the bundle, print. Shared with `resume`. */
export async function executeAndReport(store: SessionStore, engine: import('../engine/types.js').Engine, options: Pick<TriageOptions, 'concurrency' | 'timeoutMs' | 'json' | 'lang'>, io: CliIO): Promise<number> {
  const rows = new Map<string, { columns: string[]; rows: Row[] }>();
  await executeRuns(readyRuns(store.session), {
    engine,
    sink: store,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    onRows: (key, columns, result) => rows.set(key, { columns, rows: result }),
  });
  const exported = await exportBundle(store, { formats: ['md', 'html', 'json'], lang: options.lang, at: new Date().toISOString() });
  const session = store.session;
  if (options.json) {
    io.stdout.write(await readFile(join(store.dir, 'report.json'), 'utf8'));
  } else {
    const width = Math.max(60, Math.min(io.stdout.columns ?? 120, 200));
    io.stdout.write(formatSteps(session, rows, width));
    io.stdout.write(`\n${summaryLine(session)}\n${cliStrings(session.lang).reports}: ${exported.files.map((f) => terminalSafe(f)).join(', ')}\n`);
  }
  return exitCodeFor(session);
}

/** 0 when every query ran; 3 when any waits for a value, failed, timed out or was refused. */
export function exitCodeFor(session: Session): number {
  return session.queries.every((q) => q.status === 'ok') ? EXIT.ok : EXIT.incomplete;
}

function fail(io: CliIO, message: string, code: number = EXIT.badInput): number {
  io.stderr.write(`osq-triage: ${terminalSafe(message)}\n`);
  return code;
}
