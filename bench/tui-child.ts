/** Launch the TUI on a bundle in this fresh process (bench/tui.ts times process start to first frame). */
import { SessionStore } from '../src/triage/store.js';
import { launchTuiForStore } from '../src/ui/launch.js';
import { BenchKeyboard, idleEngine } from './tui-io.js';

const dir = process.argv[2] ?? '';
const store = await SessionStore.open(dir);
const keyboard = new BenchKeyboard();
void launchTuiForStore(
  store,
  idleEngine,
  { lang: 'en', concurrency: 1, timeoutMs: 1000, exportBundle: () => Promise.reject(new Error('not used')) },
  { stdin: keyboard as unknown as NodeJS.ReadStream, stdout: process.stdout, env: {} },
);
