/** Shared helpers for the live-table tests: a live context, independent tools, and children that say when ready. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import type { Constraint, TableContext, TableRow, TableSpec } from '../../../../src/engine/builtin/table.js';
import { procTables } from '../../../../src/engine/builtin/tables/proc/index.js';

const execFileAsync = promisify(execFile);

export function liveContext(constraints: Constraint[] = []): TableContext {
  return { root: '/', live: true, constraints, hostPath: (path) => path };
}

export function table(name: string): TableSpec {
  const spec = procTables.find((t) => t.name === name);
  if (spec === undefined) throw new Error(`no table ${name}`);
  return spec;
}

export function rowsOf(name: string, constraints: Constraint[] = []): Promise<TableRow[]> {
  return table(name).generate(liveContext(constraints));
}

/** stdout of a tool run without a shell. */
export async function tool(command: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function toolExists(command: string, args: string[] = ['--version']): Promise<boolean> {
  try {
    await execFileAsync(command, args);
    return true;
  } catch {
    return false;
  }
}

/** Start a child and resolve once it has written `ready` to stdout (so exec has finished and it is in place). */
export async function spawnReady(
  command: string,
  args: string[],
  options: { cwd?: string } = {},
): Promise<ChildProcess & { pid: number }> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`${command} has no pid`);
  return child as ChildProcess & { pid: number };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** `ss -p` users field: ("name",pid=123,fd=4),... -> [{pid, fd}]. */
export function ssUsers(line: string): Array<{ pid: number; fd: number }> {
  return [...line.matchAll(/pid=([0-9]+),fd=([0-9]+)/g)].map((m) => ({ pid: Number(m[1]), fd: Number(m[2]) }));
}

/** Split "addr:port" as ss prints it ("127.0.0.1:80", "[::1]:80", "*:80"). */
export function ssEndpoint(text: string): { address: string; port: string } {
  const colon = text.lastIndexOf(':');
  const address = text.slice(0, colon).replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return { address, port: text.slice(colon + 1) };
}
