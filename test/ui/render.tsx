import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import type { Language } from '../../src/guide/model.js';
import { UiProvider } from '../../src/ui/context.js';

/** Key sequences as a terminal sends them. */
export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  space: ' ',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export interface RenderOptions {
  columns?: number;
  rows?: number;
  lang?: Language;
  color?: boolean;
}

export interface Rendered {
  /** The last frame without escape codes. */
  frame(): string;
  /** The last frame as written (with colour codes). */
  rawFrame(): string;
  /** Resolves with the frame once `check` holds for a frame; fails with the last frame after the deadline. */
  waitFor(check: (frame: string) => boolean, what?: string): Promise<string>;
  /**
   * Send keys one at a time. Before each, the event loop turns once so React has run the effects that attach input
   * handlers (a key written between a frame and its effects would reach no handler, as a type-ahead key would not).
   */
  press(...keys: string[]): Promise<void>;
  resize(columns: number, rows: number): void;
  unmount(): void;
  writes(): number;
}

const DEADLINE_MS = 10_000;

/** One turn of the event loop (React schedules passive effects on it); no timer involved. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * The one way tests render UI: inside UiProvider at a fixed terminal size (ink-testing-library's stdout reports the
 * same width, so Ink lays out exactly as a terminal of that size would), waiting on frame conditions, never on time.
 */
export function renderUi(node: ReactElement, options: RenderOptions = {}): Rendered {
  let size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
  const wrap = (n: ReactElement): ReactElement => (
    <UiProvider lang={options.lang ?? 'en'} color={options.color ?? false} size={size}>
      {n}
    </UiProvider>
  );
  const instance = render(wrap(node));
  const stdout = instance.stdout;
  Object.defineProperty(stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => size.rows, configurable: true });
  const write = stdout.write;
  let count = 0;
  stdout.write = (frame: string): void => {
    write(frame);
    count++;
    stdout.emit('frame', frame);
  };
  instance.rerender(wrap(node));
  const frame = (): string => (stdout.lastFrame() ?? '').replace(ANSI, '');
  return {
    frame,
    rawFrame: () => stdout.lastFrame() ?? '',
    writes: () => count,
    waitFor(check, what = 'a frame condition') {
      if (check(frame())) return Promise.resolve(frame());
      return new Promise((resolve, reject) => {
        const onFrame = (): void => {
          const f = frame();
          if (!check(f)) return;
          clearTimeout(timer);
          stdout.off('frame', onFrame);
          resolve(f);
        };
        const timer = setTimeout(() => {
          stdout.off('frame', onFrame);
          reject(new Error(`timed out waiting for ${what}; last frame:\n${frame()}`));
        }, DEADLINE_MS);
        stdout.on('frame', onFrame);
      });
    },
    async press(...keys) {
      for (const k of keys) {
        await turn();
        instance.stdin.write(k);
      }
      await turn();
    },
    resize(columns, rows) {
      size = { columns, rows };
      instance.rerender(wrap(node));
      stdout.emit('resize');
    },
    unmount: () => instance.unmount(),
  };
}
