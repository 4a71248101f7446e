import { execa } from 'execa';
import { codeTokens } from '../sql/tokenize.js';
import type { Engine, EngineInfo, QueryOutcome, RunOptions } from './types.js';
import { parseOsqueryJson } from './osqueryi-output.js';
export { findExecutable } from './find-executable.js';

const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

/**
 * osqueryi as a child process: argv array (no shell), `--json`, killed on timeout, judged by exit code (stderr may
 * carry glog warnings), output parsed defensively (invalid UTF-8 and invalid JSON become a per-query error).
 */
export function createOsqueryiEngine(binary: string): Engine {
  let info: Promise<EngineInfo> | undefined;
  return {
    name: 'osqueryi',
    info: () => (info ??= readVersion(binary)),
    run: (sql, options) => runOsqueryi(binary, sql, options),
  };
}

async function readVersion(binary: string): Promise<EngineInfo> {
  const result = await execa(binary, ['--version'], { reject: false, timeout: 10_000, stdin: 'ignore' });
  const text = `${String(result.stdout)}\n${String(result.stderr)}`;
  const match = /osqueryi?\s+version\s+(\S+)/i.exec(text);
  return { name: 'osqueryi', version: match?.[1] ?? 'unknown' };
}

async function runOsqueryi(binary: string, sql: string, options: RunOptions): Promise<QueryOutcome> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  // A statement starting with a comment would read as a flag to osqueryi: hand it over from its first real token.
  const first = codeTokens(sql)[0];
  const statement = first ? sql.slice(first.start) : sql;
  const result = await execa(binary, ['--json', statement], {
    reject: false,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    stdin: 'ignore',
    encoding: 'buffer',
    maxBuffer: MAX_OUTPUT_BYTES,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const durationMs = Math.round(performance.now() - began);
  const stderr = new TextDecoder().decode(result.stderr as Uint8Array).slice(0, 64 * 1024);
  const base = { startedAt, durationMs, stderr, exitCode: result.exitCode ?? null };
  if (result.timedOut) {
    return { ...base, status: 'timeout', columns: [], rows: [], error: `osqueryi did not answer within ${options.timeoutMs / 1000} s and was stopped` };
  }
  if (result.failed && result.exitCode === undefined) {
    const reason = (result as { code?: string }).code === 'ENOENT' ? `osqueryi not found at ${binary}` : firstLine(result.message);
    return { ...base, status: 'error', columns: [], rows: [], error: reason };
  }
  if (result.exitCode !== 0) {
    const message = stderr.split('\n').find((l) => l.startsWith('Error')) ?? firstLine(stderr) ?? `exit code ${result.exitCode}`;
    return { ...base, status: 'error', columns: [], rows: [], error: message || `osqueryi exited with code ${String(result.exitCode)}` };
  }
  const parsed = parseOsqueryJson(result.stdout as Uint8Array);
  if (!parsed.ok) return { ...base, status: 'error', columns: [], rows: [], error: parsed.error };
  return { ...base, status: 'ok', columns: parsed.columns, rows: parsed.rows };
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
