/** Launch the TUI on a bundle in this fresh process (bench/tui.ts times process start to first frame). */
import { loadUi } from '../src/cli/load-ui.js';
import { SessionStore } from '../src/triage/store.js';
import { BenchKeyboard, idleEngine } from './tui-io.js';

// As the CLI does: the UI (the single-file build when there is one) loads while the session is opened.
const ui = loadUi();
const dir = process.argv[2] ?? '';
const store = await SessionStore.open(dir);
const { launchTuiForStore } = await ui;
const keyboard = new BenchKeyboard();
// Stdout is a pipe to the parent: give it a terminal's size, or Ink spawns `tput` to find a width, which it never
// does on a terminal.
const stdout = Object.assign(process.stdout, { columns: 120, rows: 40 });
void launchTuiForStore(
  store,
  idleEngine,
  { lang: 'en', concurrency: 1, timeoutMs: 1000, exportBundle: () => Promise.reject(new Error('not used')) },
  { stdin: keyboard as unknown as NodeJS.ReadStream, stdout, env: {} },
);
