/**
 * The shell side of `osq-triage osqueryi`: running SQL text (one or more statements) with osqueryi's output and
 * error conventions, reading SQL from standard input in complete `;`-terminated chunks, and its dot commands.
 */
import { tokenize } from '../sql/tokenize.js';
import type { ShellSettings, OutputMode } from './osqueryi-args.js';
import { ShellOutput, type StatementRows } from './osqueryi-format.js';

export type RunStatement = (sql: string) => Promise<StatementRows & { error?: string | undefined }>;

export interface ShellEnv {
  settings: ShellSettings;
  runStatement: RunStatement;
  tableNames: () => string[];
  schema: (table: string | undefined) => string[];
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The statements of a chunk, each without its `;`; empty ones (only spaces and comments) left out. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let hasCode = false;
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      if (hasCode) out.push(sql.slice(start, t.start));
      start = t.end;
      hasCode = false;
    } else if (t.kind !== 'space' && t.kind !== 'comment') {
      hasCode = true;
    }
  }
  if (hasCode) out.push(sql.slice(start));
  return out;
}

/** Like sqlite3_complete: the text ends with a `;` that is not inside a string, identifier or comment. */
export function isComplete(sql: string): boolean {
  const tokens = tokenize(sql);
  if (tokens.some((t) => t.unterminated)) return false;
  const code = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const last = code[code.length - 1];
  return last !== undefined && last.kind === 'punct' && last.text === ';';
}

/** Runs every statement of the text, stopping at the first failure. Returns that failure's message, if any. */
export async function runSql(env: ShellEnv, sql: string): Promise<string | undefined> {
  const output = new ShellOutput(env.settings);
  let error: string | undefined;
  for (const statement of splitStatements(sql)) {
    const result = await env.runStatement(statement);
    output.add(result);
    if (result.error !== undefined) {
      error = result.error;
      break;
    }
  }
  env.out(output.finish());
  return error;
}

/** Standard input as osqueryi reads it; returns the number of errors. */
export async function runInput(env: ShellEnv, lines: AsyncIterable<string>): Promise<number> {
  let errors = 0;
  let sql = '';
  let startLine = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (sql === '' && isBlank(line)) continue;
    if (sql === '' && line.startsWith('.')) {
      const rc = dotCommand(env, line);
      if (rc === 'exit') break;
      if (rc === 'error') errors++;
      continue;
    }
    if (sql === '') {
      sql = line.trimStart();
      startLine = lineNo;
    } else {
      sql += `\n${line}`;
    }
    if (line.includes(';') && isComplete(sql)) {
      const error = await runSql(env, sql);
      if (error !== undefined) {
        env.err(`Error: near line ${startLine}: ${error}\n`);
        errors++;
      }
      sql = '';
    } else if (isBlank(sql)) {
      sql = '';
    }
  }
  if (sql !== '' && !isBlank(sql)) env.err(`Error: incomplete SQL: ${sql}\n`);
  return errors;
}

/** Only whitespace and comments (an unterminated block comment is not blank). */
function isBlank(text: string): boolean {
  return tokenize(text).every((t) => t.kind === 'space' || (t.kind === 'comment' && !t.unterminated));
}

const MODES: Record<string, OutputMode> = { line: 'line', lines: 'line', list: 'list', pretty: 'pretty', csv: 'csv' };

/** The dot commands that make sense here; each name may be abbreviated, as in the SQLite shell. */
export function dotCommand(env: ShellEnv, line: string): 'ok' | 'error' | 'exit' {
  const [name = '', ...args] = line.slice(1).trim().split(/\s+/);
  const is = (full: string, minimum = 1): boolean => name.length >= minimum && full.startsWith(name);
  const s = env.settings;
  if (name === '') return 'ok';
  if (is('quit') || (is('exit', 2) && args.length === 0)) return 'exit';
  if (is('mode') && args.length === 1) {
    const mode = MODES[args[0] as string];
    if (!mode) {
      env.err('Error: mode should be one of: column csv line list pretty\n');
      return 'error';
    }
    s.mode = mode;
    if (mode === 'csv') s.separator = ',';
    return 'ok';
  }
  if ((is('headers') || is('header')) && args.length === 1) {
    s.header = /^(on|1|true|yes)$/i.test(args[0] as string);
    return 'ok';
  }
  if (is('nullvalue') && args.length === 1) {
    s.nullvalue = args[0] as string;
    return 'ok';
  }
  if (is('separator', 2) && args.length === 1) {
    s.separator = args[0] as string;
    return 'ok';
  }
  if (is('print', 3)) {
    env.out(`${args.join(' ')}\n`);
    return 'ok';
  }
  if ((is('tables', 2) || is('list', 2)) && args.length < 2) {
    for (const t of env.tableNames().filter((n) => args[0] === undefined || n.startsWith(args[0]))) env.out(`  => ${t}\n`);
    return 'ok';
  }
  if (is('schema', 2) && args.length < 2) {
    for (const statement of env.schema(args[0])) env.out(`${statement}\n`);
    return 'ok';
  }
  env.err(`Error: unknown command or invalid arguments:  "${name}". Enter ".help" for help\n`);
  return 'error';
}
