import { execa, type Result } from 'execa';
import { fileURLToPath } from 'node:url';

/** The built CLI (npm test builds before vitest runs). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = `${ROOT}dist/src/cli/main.js`;
export const FIXTURE_BIN = `${ROOT}test/fixtures/bin`;

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would, with a clean environment: no osqueryi on PATH unless asked. */
export async function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; path?: string } = {}): Promise<CliRun> {
  const result: Result = await execa('node', [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    reject: false,
    extendEnv: false,
    env: { PATH: options.path ?? '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: process.env.HOME ?? '/root', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
    timeout: 120_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
