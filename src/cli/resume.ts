import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { selectEngine } from '../engine/select.js';
import type { EngineInfo } from '../engine/types.js';
import { terminalSafe } from '../report/terminal-text.js';
import { AUDIT_FILE } from '../triage/store.js';
import { EXIT, type CliIO, type Command } from './io.js';
import { loadUi } from './load-ui.js';
import { formatHeader } from './print-session.js';
import { openBundle } from './report.js';
import { executeAndReport } from './run.js';
import { hostFacts } from './start-session.js';
import { parseTriageOptions } from './triage-options.js';
import { TOOL } from './version.js';

export const RESUME_USAGE = `usage: osq-triage resume DIR [--engine auto|osqueryi|builtin|ssh:HOST] [--osqueryi PATH] [--root DIR]
       [--set FIELD=VALUE]... [--lang en|zh-CN] [--timeout SEC] [--concurrency N] [--json]`;

/** How an engine was asked for; recorded in `resumed` events so the next resume asks the same way. */
export interface EngineRequest {
  choice: string;
  osqueryi?: string;
  root?: string;
}

/**
 * `osq-triage resume DIR`: continue a session. Runs in flight when the process died go back to ready (the store does
 * that), values given with --set are entered, every ready run executes on an engine of the kind the session used
 * (flags override), and the bundle is exported again.
 */
export const resumeCommand: Command = async (args, io) => {
  const parsed = parseTriageOptions(args, io.env);
  if (!parsed.ok) return usageError(io, parsed.message);
  const options = parsed.value;
  if (options.help) {
    io.stdout.write(`${RESUME_USAGE}\n`);
    return EXIT.ok;
  }
  if (options.alertPath === undefined) return usageError(io, 'expected the session DIR');
  const foreign = (['rule', 'pick', 'out'] as const).filter((k) => options[k] !== undefined);
  if (foreign.length > 0 || options.guides.length > 0) return usageError(io, 'resume continues DIR with its own alert and guide: --rule, --alert, --out and --guides do not apply');
  // On a terminal the session reopens in the triage screen: load the UI while the evidence bundle is checked and the
  // engine is chosen (the catch only keeps an early return from leaving it unhandled).
  const interactive = io.stdout.isTTY === true && io.stdin.isTTY === true && !options.json;
  const ui = interactive ? loadUi() : undefined;
  ui?.catch(() => undefined);
  const opened = await openBundle(resolve(io.cwd, options.alertPath), io, 'resume');
  if (!opened.ok) return opened.code;
  const store = opened.store;
  const session = store.session;
  const langGiven = args.some((a) => a === '--lang' || a.startsWith('--lang='));
  const lang = langGiven ? options.lang : session.lang;

  const recorded = await recordedRequest(store.dir);
  const request: EngineRequest = {
    choice: args.some((a) => a === '--engine' || a.startsWith('--engine=')) ? options.engine : recorded?.choice ?? engineKind(session.engine),
    ...pick('osqueryi', options.osqueryi !== undefined && options.osqueryi.includes('/') ? resolve(io.cwd, options.osqueryi) : options.osqueryi ?? recorded?.osqueryi),
    ...pick('root', options.root !== undefined ? resolve(io.cwd, options.root) : recorded?.root),
  };
  const engine = await selectEngine({ ...request, env: io.env, cwd: io.cwd });
  if (!engine.ok) {
    io.stderr.write(`osq-triage resume: ${terminalSafe(engine.message)}\n`);
    return EXIT.incomplete;
  }
  try {
    const at = new Date().toISOString();
    await store.note(at, 'resumed', { tool: TOOL, host: hostFacts(), engine: engine.info, request, previous_engine: session.engine });
    for (const [field, values] of Object.entries(options.entered)) {
      await store.apply({ type: 'value-entered', field, values, at });
    }
    // On a terminal the session reopens in the triage screen, exactly where it was left.
    if (ui !== undefined) {
      const { launchTuiForStore } = await ui;
      const { exporterFor } = await import('./tui.js');
      return await launchTuiForStore(
        store,
        engine.engine,
        {
          lang,
          concurrency: options.concurrency,
          timeoutMs: options.timeoutMs,
          exportBundle: exporterFor(lang),
        },
        { stdin: process.stdin, stdout: process.stdout, env: io.env },
      );
    }
    if (!options.json) {
      io.stdout.write(formatHeader(store.session, store.dir, engine.why));
      if (engine.info.name !== session.engine.name || engine.info.version !== session.engine.version) {
        io.stdout.write(`  ${terminalSafe(`engine changed: ${describe(session.engine)} -> ${describe(engine.info)}`)}\n`);
      }
    }
    return await executeAndReport(store, engine.engine, { ...options, lang }, io);
  } finally {
    await engine.engine.close?.();
  }
};

/** The engine choice that makes an engine of the same kind as the one the session recorded. */
export function engineKind(info: EngineInfo): string {
  if (info.name === 'osqueryi' || info.name === 'builtin' || info.name.startsWith('ssh:')) return info.name;
  return 'auto';
}

/** The engine request of the latest `resumed` (or `engine-selected`) event in the audit log, if any recorded one. */
async function recordedRequest(dir: string): Promise<EngineRequest | undefined> {
  const text = await readFile(join(dir, AUDIT_FILE), 'utf8').catch(() => '');
  let found: EngineRequest | undefined;
  for (const line of text.split('\n')) {
    if (!line.includes('"request"')) continue;
    try {
      const event = JSON.parse(line) as { type?: unknown; request?: Partial<EngineRequest> };
      const r = event.request;
      if ((event.type === 'resumed' || event.type === 'engine-selected') && typeof r?.choice === 'string') {
        found = { choice: r.choice, ...pick('osqueryi', typeof r.osqueryi === 'string' ? r.osqueryi : undefined), ...pick('root', typeof r.root === 'string' ? r.root : undefined) };
      }
    } catch {
      // the chain was checked when the store opened; a line that does not parse here is simply not a request
    }
  }
  return found;
}

function pick<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function describe(info: EngineInfo): string {
  return `${info.name} ${info.version}`;
}

function usageError(io: CliIO, message: string): number {
  io.stderr.write(`osq-triage resume: ${terminalSafe(message)}\n${RESUME_USAGE}\n`);
  return EXIT.badInput;
}
