import { render } from 'ink';
import { createElement } from 'react';
import type { Alert } from '../alert/types.js';
import type { Engine } from '../engine/types.js';
import type { Language } from '../guide/model.js';
import type { SessionStore } from '../triage/store.js';
import { App } from './App.js';
import { UiProvider } from './context.js';
import { TriageController, type ExportFormat } from './controller.js';
import { colourWanted } from './theme.js';
import type { AppDeps } from './use-app.js';

/** Everything the CLI hands the interface; the UI never reads argv or opens files on its own. */
export interface TuiDeps {
  /** One or several (the picker shows when there is a choice or a folded sequence). */
  alerts: Alert[];
  lang: Language;
  /** Resolve the alert's guide, pick the engine and open a new evidence bundle; failures as data. */
  openAlert(alert: Alert): Promise<{ ok: true; store: SessionStore; engine: Engine } | { ok: false; message: string }>;
  exportBundle(store: SessionStore, formats: ExportFormat[], at: string): Promise<{ files: string[]; sumsHead: string }>;
  concurrency: number;
  timeoutMs: number;
}

export type ResumeDeps = Pick<TuiDeps, 'lang' | 'exportBundle' | 'concurrency' | 'timeoutMs'>;

export interface TuiIO {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Read for NO_COLOR only. */
  env?: Record<string, string | undefined>;
}

const ALT_SCREEN_ON = '\u001b[?1049h';
const ALT_SCREEN_OFF = '\u001b[?1049l';

/** Run the interactive triage until the responder quits; resolves with the exit code. */
export function launchTui(deps: TuiDeps, io: TuiIO): Promise<number> {
  return start(deps.lang, io, {
    alerts: deps.alerts,
    openAlert: (alert) => deps.openAlert(alert),
    makeController: (store, engine) => controllerFor(store, engine, deps),
  });
}

/** `resume DIR`: the triage screen straight away, on a store the CLI opened. */
export function launchTuiForStore(store: SessionStore, engine: Engine, deps: ResumeDeps, io: TuiIO): Promise<number> {
  const controller = controllerFor(store, engine, deps);
  return start(deps.lang, io, {
    alerts: [store.session.alert],
    openAlert: () => Promise.resolve({ ok: false, message: 'a resumed session has its alert open already' }),
    makeController: () => controller,
    resumed: controller,
  });
}

export function controllerFor(store: SessionStore, engine: Engine, deps: ResumeDeps): TriageController<SessionStore> {
  return new TriageController(store, {
    engine,
    concurrency: deps.concurrency,
    timeoutMs: deps.timeoutMs,
    exportBundle: (s, formats, at) => deps.exportBundle(s, formats, at),
  });
}

async function start(lang: Language, io: TuiIO, deps: Omit<AppDeps<SessionStore>, 'onExit'>): Promise<number> {
  let finish: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    finish = resolve;
  });
  io.stdout.write(ALT_SCREEN_ON);
  // Raw mode before the first frame: a key pressed as soon as the screen shows must not go through the cooked line
  // discipline (Enter would arrive as "\n", which is not Return) while the input hooks are still being attached.
  if (io.stdin.isTTY) io.stdin.setRawMode(true);
  const app = createElement(App<SessionStore>, { ...deps, onExit: (code: number) => finish(code) });
  const tree = createElement(UiProvider, { lang, color: colourWanted(io.env ?? {}), children: app });
  const instance = render(tree, { stdin: io.stdin, stdout: io.stdout, exitOnCtrlC: false });
  try {
    const code = await Promise.race([exited, instance.waitUntilExit().then(() => 0)]);
    return code;
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    io.stdout.write(ALT_SCREEN_OFF);
  }
}
