import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, ROOT } from './cli.js';

export const REPORT_GUIDE = `${ROOT}test/fixtures/report-guide`;

/** The e2e tests drive the built CLI (`npm test` builds first). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the e2e tests`);
}

/**
 * Start the CLI in its own process group (so whatever it spawned can be stopped by the group's id), with the same clean
 * environment `cli()` uses.
 */
export function startCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn('node', [CLI, ...args], {
    cwd: ROOT,
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: process.env.HOME ?? '/root', ...env },
    stdio: 'ignore',
    detached: true,
  });
}

/** Poll until `check` holds; fail early when the process we wait on exits, or after `limitMs`. */
export async function pollUntil(check: () => Promise<boolean>, child: ChildProcess, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (await check()) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the CLI exited (${child.exitCode ?? child.signalCode}) before the condition held`);
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** coreutils' own check, run inside the bundle as a responder would. */
export function sha256sumCheck(dir: string): { status: number | null; output: string } {
  const out = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}
