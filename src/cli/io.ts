/** What a command may touch of the process: passed in, so commands run in tests without a real terminal. */
export interface CliIO {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command (DESIGN.md "Interfaces"). */
export const EXIT = {
  ok: 0,
  internal: 1,
  badInput: 2,
  incomplete: 3,
} as const;

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
