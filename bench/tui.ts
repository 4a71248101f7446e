import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink';
import { createElement } from 'react';
import { App } from '../src/ui/App.js';
import { UiProvider } from '../src/ui/context.js';
import { controllerFor } from '../src/ui/launch.js';
import type { SessionStore } from '../src/triage/store.js';
import type { BenchGroup } from './harness.js';
import { bundleWithRows } from './report-fixture.js';
import { BenchKeyboard, BenchScreen, idleEngine } from './tui-io.js';

const ROWS = 100_000;
const RULE = 'Benchmark rule';
const DOWN = '\u001b[B';
const UP = '\u001b[A';

interface Mounted {
  keyboard: BenchKeyboard;
  screen: BenchScreen;
  /** The first frame showing the rule (Ink may write it before render() returns). */
  first: Promise<string>;
  unmount(): void;
}

/** The TUI on a resumed bundle, in this process, on a fake 120x40 terminal. */
function mount(store: SessionStore, maxFps?: number): Mounted {
  const keyboard = new BenchKeyboard();
  const screen = new BenchScreen(120, 40);
  const controller = controllerFor(store, idleEngine, { lang: 'en', concurrency: 1, timeoutMs: 1000, exportBundle: () => Promise.reject(new Error('not used')) });
  const app = createElement(App<SessionStore>, { alerts: [store.session.alert], openAlert: () => Promise.resolve({ ok: false as const, message: '' }), makeController: () => controller, resumed: controller, onExit: () => undefined });
  const first = screen.next((f) => f.includes(RULE));
  const instance = render(createElement(UiProvider, { lang: 'en', color: true, children: app }), {
    stdin: keyboard as unknown as NodeJS.ReadStream,
    stdout: screen as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    ...(maxFps !== undefined ? { maxFps } : {}),
  });
  return { keyboard, screen, first, unmount: () => instance.unmount() };
}

/** Time from starting a fresh `node` on the bundle to the first frame showing the rule. */
function coldLaunch(dir: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'tui-child.js'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (!seen.includes(RULE)) return;
      const ms = performance.now() - started;
      child.kill('SIGTERM');
      resolve(ms);
    });
    child.on('exit', () => {
      if (!seen.includes(RULE)) reject(new Error(`the TUI exited before its first frame: ${stderr.slice(0, 300)}`));
    });
  });
}

/**
 * The TUI's two promises: a frame soon after launch (goal 300 ms) and a frame soon after each key with a 100k-row
 * result in the detail pane (goal 50 ms). Key cases alternate Down/Up inside the table so every press moves the cursor.
 */
export async function benchGroups(): Promise<BenchGroup[]> {
  const bundle = await bundleWithRows(ROWS);
  process.once('exit', () => rmSync(join(bundle.dir, '..'), { recursive: true, force: true }));

  // Select the query (first step, then its query), focus the table, wait until its rows are read back.
  const ready = async (maxFps?: number): Promise<Mounted> => {
    const m = mount(bundle.store, maxFps);
    await m.first;
    await new Promise((resolve) => setImmediate(resolve)); // let React attach the input handlers
    const table = m.screen.next((f) => f.includes(`row 1/${ROWS}`));
    m.keyboard.press(DOWN);
    m.keyboard.press('\t');
    await table;
    return m;
  };
  const uncapped = await ready(1000);
  const capped = await ready();
  // Each table starts on row 1: Down first, then Up, so every press moves the cursor (and so makes a frame).
  const press = (m: Mounted): (() => Promise<void>) => {
    let down = false;
    return async () => {
      const frame = m.screen.next((f) => f.includes('row '));
      down = !down;
      m.keyboard.press(down ? DOWN : UP);
      await frame;
    };
  };
  process.once('exit', () => {
    uncapped.unmount();
    capped.unmount();
  });

  return [
    {
      name: 'TUI launch to first frame (goal <= 300 ms)',
      runs: 5,
      cases: [
        {
          name: 'in this process: mount, lay out, first frame',
          baseline: true,
          run: async () => {
            const m = mount(bundle.store);
            await m.first;
            m.unmount();
          },
        },
        { name: 'fresh node process: start, open bundle, first frame', run: () => coldLaunch(bundle.dir) },
      ],
    },
    {
      name: `TUI key press to next frame, ${ROWS.toLocaleString('en')}-row result selected (goal <= 50 ms)`,
      runs: 30,
      cases: [
        { name: 'Down/Up in the table (render work; frame cap lifted)', baseline: true, run: press(uncapped) },
        { name: 'Down/Up back to back at the 30 fps frame cap', run: press(capped) },
      ],
    },
  ];
}
