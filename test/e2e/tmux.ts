import { execa } from 'execa';

/**
 * A real terminal for end-to-end tests: a private tmux server (its own socket, so nothing else is touched) running one
 * command in a pane of a fixed size. Keys go in with send-keys; the screen comes back with capture-pane. Waiting is
 * always "poll the screen until a condition holds, or fail at a deadline".
 */
export class TmuxPane {
  private constructor(
    private readonly socket: string,
    private readonly target: string,
  ) {}

  static async available(): Promise<boolean> {
    const r = await execa('tmux', ['-V'], { reject: false });
    return r.exitCode === 0;
  }

  /** Start `argv` in a new pane; the pane stays after the command ends (remain-on-exit) so its last screen can be read. */
  static async start(argv: string[], options: { columns: number; rows: number; cwd: string; env: Record<string, string> }): Promise<TmuxPane> {
    const socket = `osq-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const pane = new TmuxPane(socket, 'tui');
    const envArgs = Object.entries(options.env).map(([k, v]) => `${k}=${v}`);
    // `env -i` gives the program exactly the environment asked for (no CI, no inherited colours or locale).
    const command = ['env', '-i', ...envArgs, ...argv].map(shellQuote).join(' ');
    await pane.tmux(['new-session', '-d', '-s', 'tui', '-x', String(options.columns), '-y', String(options.rows), '-c', options.cwd, `${command}; echo "osq-exit=$?"; exec cat`]);
    return pane;
  }

  private tmux(args: string[]): Promise<unknown> {
    return execa('tmux', ['-L', this.socket, '-f', '/dev/null', ...args]);
  }

  async screen(): Promise<string> {
    const r = await execa('tmux', ['-L', this.socket, 'capture-pane', '-p', '-t', this.target], { reject: false });
    return String(r.stdout);
  }

  /** Named keys (Enter, Escape, Tab, Up, Down, Space, ...), each sent on its own. */
  async keys(...names: string[]): Promise<void> {
    for (const name of names) await this.tmux(['send-keys', '-t', this.target, name]);
  }

  /** Text typed literally. */
  async type(text: string): Promise<void> {
    await this.tmux(['send-keys', '-t', this.target, '-l', text]);
  }

  /** Poll the screen until `check` holds; on the deadline, fail showing the last screen. */
  async waitFor(check: (screen: string) => boolean, what: string, deadlineMs = 30_000): Promise<string> {
    const end = Date.now() + deadlineMs;
    let last = '';
    while (Date.now() < end) {
      last = await this.screen();
      if (check(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 40)); // poll interval, not synchronisation
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
  }

  async close(): Promise<void> {
    await execa('tmux', ['-L', this.socket, 'kill-server'], { reject: false });
  }
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}
