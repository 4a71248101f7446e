/**
 * The built-in engine against the tools a responder would otherwise reach for (ps, ss; goal: within 2x of them),
 * measured in the same run: the table alone, the statement in process (table + SQLite), the engine a user waits
 * on (worker thread), and the built CLI (process start and WebAssembly load included).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBuiltinEngine } from '../src/engine/builtin/engine.js';
import { executeStatement, statementContext } from '../src/engine/builtin/executor.js';
import type { TableSpec } from '../src/engine/builtin/table.js';
import type { BenchGroup } from './harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BIG = { maxBuffer: 256 * 1024 * 1024 };
const WARMUP = 8;

async function inProcess(sql: string): Promise<void> {
  const result = await executeStatement(sql);
  if (result.status !== 'ok') throw new Error(result.error);
}

async function generateOnly(spec: TableSpec): Promise<void> {
  const ctx = statementContext();
  await spec.generate({ root: ctx.root, live: ctx.live, constraints: [], hostPath: ctx.hostPath });
}

export async function benchGroups(): Promise<BenchGroup[]> {
  const engine = createBuiltinEngine();
  const tables = statementContext().tables;
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
    const spec = tables.get(table);
    if (spec === undefined) throw new Error(`bench/builtin: no table ${table}`);
    groups.push({
      name: `${sql} (goal: engine within 2x of ${baseline[0]})`,
      // Steady state of a session's engine: the worker thread compiles its code on its own, so every in-process
      // case gets the same warm-up as the worker. The built CLI shows the cold cost (process start included).
      cases: [
        { name: 'table generate() alone', warmup: WARMUP, run: () => generateOnly(spec) },
        { name: 'builtin in process (generate + SQLite)', warmup: WARMUP, run: () => inProcess(sql) },
        { name: 'builtin engine (worker thread)', warmup: WARMUP, run: () => viaEngine(sql) },
        { name: 'builtin via built CLI (osqueryi --json)', run: () => viaCli(sql) },
        { name: baselineName, baseline: true, run: () => run(baseline[0], [...baseline[1]], BIG) },
      ],
    });
  }
  return groups;
}
