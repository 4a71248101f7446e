/** The built-in engine behind the Engine interface: osquery-compatible tables in an embedded SQLite. */
import { checkReadOnly } from '../../sql/guard.js';
import type { Engine, EngineInfo, QueryOutcome, Row, RunOptions } from '../types.js';
import type { StatementResult } from './run-statement.js';
import { createStatementRunner, type RunEnd, type StatementRunner } from './statement-runner.js';
import { builtinVersion } from './version.js';

export interface BuiltinEngineOptions {
  /** Root of a mounted image (dead-box triage); absent for the live host. */
  root?: string;
}

export function createBuiltinEngine(options: BuiltinEngineOptions = {}): Engine {
  let runner: StatementRunner | undefined;
  return {
    name: 'builtin',
    async info(): Promise<EngineInfo> {
      return { name: 'builtin', version: builtinVersion() };
    },
    async run(sql: string, { timeoutMs, signal }: RunOptions): Promise<QueryOutcome> {
      const startedAt = new Date();
      const began = performance.now();
      const outcome = (fields: Pick<QueryOutcome, 'status' | 'exitCode'> & Partial<QueryOutcome>): QueryOutcome => ({
        columns: [],
        rows: [],
        stderr: '',
        ...fields,
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - began),
      });
      try {
        const verdict = checkReadOnly(sql);
        if (!verdict.ok) return outcome({ status: 'blocked', exitCode: null, error: verdict.reason, stderr: `Error: ${verdict.reason}\n` });
        runner ??= createStatementRunner(options.root);
        return outcome(toOutcome(await runner.run(sql, timeoutMs, signal), timeoutMs));
      } catch (err) {
        const error = `internal error: ${err instanceof Error ? err.message : String(err)}`;
        return outcome({ status: 'error', exitCode: 1, error, stderr: `Error: ${error}\n` });
      }
    },
    async close(): Promise<void> {
      await runner?.close();
      runner = undefined;
    },
  };
}

function toOutcome(end: RunEnd, timeoutMs: number): Pick<QueryOutcome, 'status' | 'exitCode'> & Partial<QueryOutcome> {
  switch (end.kind) {
    case 'timeout':
      return { status: 'timeout', exitCode: null, error: `the statement did not finish within ${timeoutMs} ms and was stopped` };
    case 'cancelled':
      return { status: 'error', exitCode: null, error: 'the statement was cancelled' };
    case 'crashed':
      return { status: 'error', exitCode: null, error: `the built-in engine failed: ${end.error}`, stderr: `Error: ${end.error}\n` };
    case 'done':
      return fromResult(end.result);
  }
}

function fromResult(result: StatementResult): Pick<QueryOutcome, 'status' | 'exitCode'> & Partial<QueryOutcome> {
  const { columns, rows } = osqueryiRows(result.columns, result.rows);
  if (result.status === 'ok') return { status: 'ok', exitCode: 0, columns, rows };
  const error = result.error ?? 'unknown error';
  if (result.status === 'blocked') return { status: 'blocked', exitCode: null, error, stderr: `Error: ${error}\n` };
  return { status: 'error', exitCode: 1, columns, rows, error, stderr: `Error: ${error}\n` };
}

/**
 * Rows as osqueryi's JSON gives them: each row a map, so a repeated column name keeps its last value and
 * appears once (at its first position); NULL is "".
 */
export function osqueryiRows(names: readonly string[], values: readonly (readonly (string | null)[])[]): { columns: string[]; rows: Row[] } {
  const columns = [...new Set(names)];
  // Plain assignment is several times faster; only a column named __proto__ needs defineProperty to stay a column.
  const plain = !names.includes('__proto__');
  const rows = values.map((v) => {
    const row: Row = {};
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (plain) row[name] = v[i] ?? '';
      else Object.defineProperty(row, name, { value: v[i] ?? '', enumerable: true, writable: true, configurable: true });
    }
    return row;
  });
  return { columns, rows };
}
