import { terminalSafe } from '../report/terminal-text.js';
import type { Language } from '../guide/model.js';
import type { TuiDeps } from '../ui/launch.js';
import { EXIT, type CliIO, type Command } from './io.js';
import { loadUi } from './load-ui.js';
import { openAlert, openGuideLibrary } from './start-session.js';
import { engineFor, parseTriageOptions, pickAlert, readAlerts, sessionSetup } from './triage-options.js';

/**
 * `osq-triage ALERT` on a terminal: the interactive triage. It takes run's flags and shares run's session start,
 * store and executor; the screens get everything through TuiDeps and never touch argv, files or the engine choice.
 */
export const tuiCommand: Command = async (args, io) => {
  const parsed = parseTriageOptions(args, io.env);
  if (!parsed.ok) return fail(io, parsed.message, EXIT.badInput);
  const options = parsed.value;
  if (options.help) {
    const { RUN_USAGE } = await import('./run.js');
    io.stdout.write(`${RUN_USAGE.replace('osq-triage run', 'osq-triage')}\n`);
    return EXIT.ok;
  }
  // Load the UI (Ink, React) while the alert and the guide indexes are read and the engine is probed (osqueryi
  // --version, an ssh connection): waiting that it can fill. The catch only keeps an early return from leaving it
  // unhandled; it is awaited below.
  const ui = loadUi();
  ui.catch(() => undefined);
  const read = await readAlerts(options);
  if (!read.ok) return fail(io, read.message, EXIT.badInput);
  const chosen = options.pick !== undefined ? pickAlert(read.value, options.pick) : undefined;
  if (chosen && !chosen.ok) return fail(io, chosen.message, EXIT.badInput);
  const alerts = chosen?.ok ? [chosen.value] : read.value;

  // As `run` does: indexes and file heads now, only the opened alert's guide is parsed (the whole library takes long).
  const library = await openGuideLibrary(options.guides, io.cwd);
  const engine = await engineFor(options, io);
  if (!engine.ok) return fail(io, engine.message, EXIT.incomplete);

  try {
    const { launchTui } = await ui;
    return await launchTui(
      {
        alerts,
        lang: options.lang,
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs,
        openAlert: async (alert) => {
          const opened = await openAlert(alert, sessionSetup(options, io, library, engine));
          return opened.ok ? { ok: true, store: opened.store, engine: engine.engine } : opened;
        },
        exportBundle: exporterFor(options.lang),
      },
      { stdin: process.stdin, stdout: process.stdout, env: io.env },
    );
  } finally {
    await engine.engine.close?.();
  }
};

/** The TUI's export action: the same bundle export as `run`, in the session's language. */
export function exporterFor(lang: Language): TuiDeps['exportBundle'] {
  return async (store, formats, at) => {
    // Loaded on the first export, not on the way to the first frame.
    const { exportBundle } = await import('../report/bundle.js');
    const done = await exportBundle(store, { formats, lang, at });
    return { files: done.files, sumsHead: done.sumsHead };
  };
}

function fail(io: CliIO, message: string, code: number): number {
  io.stderr.write(`osq-triage: ${terminalSafe(message)}\n`);
  return code;
}
