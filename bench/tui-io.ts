import { EventEmitter } from 'node:events';
import type { Engine } from '../src/engine/types.js';

/** A keyboard for benchmarks: what Ink needs of a TTY stdin, fed by `press`. */
export class BenchKeyboard extends EventEmitter {
  readonly isTTY = true;
  private pending: string[] = [];
  press(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  read(): string | null {
    return this.pending.shift() ?? null;
  }
  setEncoding(): this {
    return this;
  }
  setRawMode(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** A terminal of a fixed size that tells a waiter about every frame Ink writes. */
export class BenchScreen extends EventEmitter {
  readonly isTTY = true;
  frames = 0;
  last = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write(chunk: string): boolean {
    this.frames++;
    this.last = chunk;
    this.emit('frame', chunk);
    return true;
  }
  /** Resolves with the next frame written (that `check` accepts). */
  next(check: (frame: string) => boolean = () => true): Promise<string> {
    return new Promise((resolve) => {
      const on = (frame: string): void => {
        if (!check(frame)) return;
        this.off('frame', on);
        resolve(frame);
      };
      this.on('frame', on);
    });
  }
}

/** An engine that is never asked anything (the benchmarks only look). */
export const idleEngine: Engine = {
  name: 'bench',
  info: async () => ({ name: 'bench', version: '1' }),
  run: async () => ({ status: 'error', columns: [], rows: [], exitCode: null, stderr: '', error: 'not used', startedAt: new Date().toISOString(), durationMs: 0 }),
};
