import { execa } from 'execa';
import { codeTokens } from '../sql/tokenize.js';
import type { Engine, EngineInfo, QueryOutcome, RunOptions } from './types.js';
import { parseOsqueryJson } from './osqueryi-output.js';

/** `[user@]host` with an optional `:sudo` suffix; nothing that ssh would read as an option. */
const TARGET = /^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(?::sudo)?$/;

/**
 * osqueryi on another host over ssh: the SQL travels on stdin, never on the remote command line, so no remote shell
 * ever parses alert values. BatchMode: a triage run never stops to ask for a password.
 */
export function createSshEngine(target: string, env: NodeJS.ProcessEnv): { ok: true; engine: Engine } | { ok: false; message: string } {
  if (!TARGET.test(target) || target.startsWith('-')) {
    return { ok: false, message: `ssh target ${JSON.stringify(target)} is not [user@]host[:sudo]` };
  }
  const sudo = target.endsWith(':sudo');
  const host = sudo ? target.slice(0, -5) : target;
  const ssh = env.OSQ_TRIAGE_SSH ?? 'ssh';
  const remote = [...(sudo ? ['sudo', '-n'] : []), 'osqueryi', '--json'];
  const base = [ '-o', 'BatchMode=yes', '-T', '--', host ];
  let info: Promise<EngineInfo> | undefined;
  return {
    ok: true,
    engine: {
      name: `ssh:${host}`,
      info: () =>
        (info ??= execa(ssh, [...base, ...remote.slice(0, -1), '--version'], { reject: false, timeout: 20_000, stdin: 'ignore' }).then((r) => ({
          name: `ssh:${host}`,
          version: /version\s+(\S+)/i.exec(String(r.stdout))?.[1] ?? 'unknown',
        }))),
      run: (sql, options) => runRemote(ssh, [...base, ...remote], sql, options),
    },
  };
}

async function runRemote(ssh: string, argv: string[], sql: string, options: RunOptions): Promise<QueryOutcome> {
  const startedAt = new Date().toISOString();
  const began = performance.now();
  const first = codeTokens(sql)[0];
  const statement = `${first ? sql.slice(first.start) : sql}\n;\n`;
  const result = await execa(ssh, argv, {
    reject: false,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    input: statement,
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const durationMs = Math.round(performance.now() - began);
  const stderr = new TextDecoder().decode(result.stderr as Uint8Array).slice(0, 64 * 1024);
  const base = { startedAt, durationMs, stderr, exitCode: result.exitCode ?? null };
  if (result.timedOut) return { ...base, status: 'timeout', columns: [], rows: [], error: `no answer over ssh within ${options.timeoutMs / 1000} s` };
  if (result.exitCode !== 0) {
    const line = stderr.split('\n').find((l) => l.startsWith('Error')) ?? stderr.split('\n').find((l) => l.trim() !== '') ?? '';
    return { ...base, status: 'error', columns: [], rows: [], error: line || `ssh exited with code ${String(result.exitCode)}` };
  }
  const parsed = parseOsqueryJson(result.stdout as Uint8Array);
  return parsed.ok ? { ...base, status: 'ok', columns: parsed.columns, rows: parsed.rows } : { ...base, status: 'error', columns: [], rows: [], error: parsed.error };
}
