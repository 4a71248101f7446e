/** The built-in engine against the tools a responder would otherwise reach for (ps, ss). */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBuiltinEngine } from '../src/engine/builtin/engine.js';
import { executeStatement } from '../src/engine/builtin/executor.js';
import type { BenchGroup } from './harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BIG = { maxBuffer: 256 * 1024 * 1024 };

async function inProcess(sql: string): Promise<void> {
  const result = await executeStatement(sql);
  if (result.status !== 'ok') throw new Error(result.error);
}

export async function benchGroups(): Promise<BenchGroup[]> {
  const engine = createBuiltinEngine();
  const viaEngine = async (sql: string): Promise<void> => {
    const outcome = await engine.run(sql, { timeoutMs: 60_000 });
    if (outcome.status !== 'ok') throw new Error(outcome.error);
  };
  const viaCli = async (sql: string): Promise<void> => {
    await run(process.execPath, [CLI, 'osqueryi', '--json', sql], BIG);
  };
  const groups: BenchGroup[] = [];
  for (const [table, baselineName, baseline] of [
    ['processes', 'ps -eo pid,ppid,uid,gid,stat,comm,args', ['ps', ['-eo', 'pid,ppid,uid,gid,stat,comm,args']]],
    ['process_open_sockets', 'ss -tanup', ['ss', ['-tanup']]],
  ] as const) {
    const sql = `SELECT * FROM ${table}`;
    groups.push({
      name: sql,
      cases: [
        { name: 'builtin, in process', run: () => inProcess(sql) },
        { name: 'builtin engine (worker thread)', run: () => viaEngine(sql) },
        { name: 'builtin via built CLI (osqueryi --json)', run: () => viaCli(sql) },
        { name: baselineName, baseline: true, run: () => run(baseline[0], [...baseline[1]], BIG) },
      ],
    });
  }
  return groups;
}
