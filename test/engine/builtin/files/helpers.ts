import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Constraint, TableContext, TableRow, TableSpec } from '../../../../src/engine/builtin/table.js';
import { fileTables } from '../../../../src/engine/builtin/tables/files/index.js';

export function table(name: string): TableSpec {
  const spec = fileTables.find((t) => t.name === name);
  if (!spec) throw new Error(`no table ${name}`);
  return spec;
}

/** A mounted-image context: paths of the triaged system live under `root`. */
export function imageContext(root: string, constraints: Constraint[] = []): TableContext {
  return { root, live: false, constraints, hostPath: (p) => join(root, p) };
}

export function liveContext(constraints: Constraint[] = []): TableContext {
  return { root: '/', live: true, constraints, hostPath: (p) => p };
}

export const rowsOf = (name: string, ctx: TableContext): Promise<TableRow[]> => table(name).generate(ctx);

/** A scratch directory removed by the returned cleanup. */
export function scratch(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Write a file under `root` (parents created). */
export function put(root: string, path: string, content: string | Buffer, mode?: number): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content, mode === undefined ? undefined : { mode });
  return full;
}

export function link(root: string, path: string, target: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  symlinkSync(target, full);
}

/** Run a real tool without a shell; stdout as text. */
export function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const env_ = env ?? process.env;
  return execFileSync(cmd, args, { encoding: 'utf8', env: env_, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run a real tool; stdout as raw bytes. */
export function runBytes(cmd: string, args: string[]): Buffer {
  return execFileSync(cmd, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Only the columns a test compares, in a stable order. */
export const pick = (rows: TableRow[], columns: string[]): Array<Record<string, unknown>> =>
  rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
