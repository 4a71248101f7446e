/**
 * `osq-triage osqueryi`: the built-in engine behind osqueryi's command line, output and exit codes, so anything
 * written for osqueryi (including this tool's own osqueryi engine) can run on a host without osquery.
 *   osq-triage osqueryi [--json|--json_pretty|--csv|--line|--list] [--header] [--separator S] [--nullvalue S]
 *                       [--root DIR] [--version] [SQL]
 * SQL comes from the first argument, or else from standard input (each complete `;`-terminated chunk runs and
 * prints on its own). Every statement passes the read-only guard.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { executeStatement } from '../engine/builtin/executor.js';
import { builtinTables } from '../engine/builtin/registry.js';
import { OSQUERY_COMPAT_VERSION, packageVersion } from '../engine/builtin/version.js';
import type { Command } from './io.js';
import { parseOsqueryiArgs } from './osqueryi-args.js';
import { dotCommand, runInput, runSql, type ShellEnv } from './osqueryi-shell.js';

const USAGE = `usage: osq-triage osqueryi [--json|--json_pretty|--csv|--line|--list] [--header=false] [--separator S]
                          [--nullvalue S] [--root DIR] [--version] [SQL]
  Runs SQL on osq-triage's built-in engine (osquery-compatible tables) with osqueryi's output.
  SQL is read from standard input when not given. --root DIR triages a mounted image (live tables refused).
`;

export const osqueryiCommand: Command = async (argv, io) => {
  const parsed = parseOsqueryiArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`ERROR: ${parsed.message}\n`);
    return 1;
  }
  const { settings, sql, version, help } = parsed.args;
  const root = parsed.args.root === undefined ? undefined : resolve(io.cwd, parsed.args.root);
  if (help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (version) {
    io.stdout.write(`osqueryi version ${OSQUERY_COMPAT_VERSION}-osq-triage.${packageVersion()}\n`);
    io.stdout.write(`(osq-triage's built-in engine: osquery-compatible tables in an embedded SQLite; not osquery itself)\n`);
    return 0;
  }
  const tables = builtinTables();
  const env: ShellEnv = {
    settings,
    runStatement: async (statement) => {
      const result = await executeStatement(statement, { root, tables });
      return { columns: result.columns, rows: result.rows, error: result.status === 'ok' ? undefined : result.error };
    },
    tableNames: () => [...tables.keys()].sort(),
    schema: (table) =>
      [...tables.values()]
        .filter((spec) => table === undefined || spec.name.startsWith(table))
        .map((spec) => `CREATE TABLE ${spec.name}(${spec.columns.map((c) => `\`${c.name}\` ${c.type}${c.hidden ? ' HIDDEN' : ''}`).join(', ')});`),
    out: (text) => {
      if (text !== '') io.stdout.write(text);
    },
    err: (text) => io.stderr.write(text),
  };

  if (sql !== undefined) {
    if (sql.startsWith('.')) {
      const rc = dotCommand(env, sql);
      return rc === 'error' ? 1 : 0;
    }
    const error = await runSql(env, sql);
    if (error === undefined) return 0;
    io.stderr.write(`Error: ${error}\n`);
    return 1;
  }
  if (io.stdin.isTTY) io.stderr.write('osq-triage osqueryi: reading SQL statements ending in ";" (Ctrl-D to finish)\n');
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  const errors = await runInput(env, lines);
  return errors > 0 ? 1 : 0;
};
