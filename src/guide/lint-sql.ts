import type { Database } from 'sql.js';
import { openScratchDatabase } from '../sql/scratch-db.js';
import { checkReadOnly } from '../sql/guard.js';
import { placeholderFields } from '../sql/placeholders.js';
import { renderQuery } from '../sql/render.js';
import { referencedTables } from '../sql/tables.js';
import { tokenize } from '../sql/tokenize.js';
import { FLAG_FUNCTIONS } from '../sql/flag-functions.js';
import type { Query } from './model.js';
import { OSQUERY_COLUMNS } from './osquery-columns.js';
import { isOsqueryLinuxTable } from './osquery-linux-tables.js';

export interface Violation {
  file: string;
  /** Where in the file: a YAML path (`steps[2].queries[0]`) or a header key (`flags[1].when`). */
  path?: string;
  message: string;
}

/** Values placeholders get when lint renders a query: plausible, and harmless if anything ever ran them. */
export const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  'user.name': 'alice',
  'user.id': '1000',
  'group.name': 'users',
  'file.path': '/tmp/example.so',
  'file.name': 'example.so',
  'process.pid': '4242',
  'process.parent.pid': '4241',
  'process.user.id': '1000',
  'process.name': 'example',
  'process.executable': '/tmp/example',
  'process.args': '/tmp/example',
  'process.command_line': '/tmp/example --flag',
};

export function exampleValue(field: string): string {
  return EXAMPLE_VALUES[field] ?? 'example';
}

/**
 * osquery's own SQL functions, as stand-ins so SQLite can compile queries that call them. Arity -1 is variadic;
 * fixed arities let lint catch a wrong argument count.
 */
const OSQUERY_FUNCTIONS: Readonly<Record<string, number>> = {
  split: 3, regex_split: 3, regex_match: 3, concat: -1, concat_ws: -1, inet_aton: 1, md5: 1, sha1: 1, sha256: 1,
  community_id_v1: -1, to_base64: 1, from_base64: 1, conditional_to_base64: 1, parent_directory: 1,
  in_cidr_block: 2, version_compare: -1,
};

/** Checks of one query's SQL: placeholders, guard, tables, and that it and its flags compile against osquery's columns. */
export async function checkQuerySql(query: Query): Promise<Violation[]> {
  const out: Violation[] = [];
  const add = (message: string, path?: string): void => {
    out.push(path === undefined ? { file: query.file, message } : { file: query.file, path, message });
  };

  const used = placeholderFields(query.sql);
  for (const f of used.filter((f) => !query.fields.includes(f))) add(`SQL reads <<${f}>> but the header's fields do not list ${f}`, 'fields');
  for (const f of query.fields.filter((f) => !used.includes(f))) add(`header lists field ${f} but the SQL has no <<${f}>>`, 'fields');

  const rendering = renderQuery(query.sql, Object.fromEntries(used.map((f) => [f, [exampleValue(f)]])));
  if (rendering.status !== 'ready') {
    add(rendering.status === 'refused' ? `cannot render: ${rendering.reason}` : `cannot render: missing ${rendering.missing.join(', ')}`);
    return out;
  }
  const rendered = rendering.runs[0]?.sql ?? '';
  const verdict = checkReadOnly(rendered);
  if (!verdict.ok) add(`read-only guard refuses the query: ${verdict.reason}`);

  const tables = referencedTables(query.sql);
  // Queries kept for another platform (imported Windows or macOS guides) are not held to the Linux table list.
  const forLinux = query.platforms.includes('linux') || query.platforms.includes('any');
  if (forLinux) for (const t of tables.filter((t) => !isOsqueryLinuxTable(t))) add(`table ${t} is not an osquery table on Linux`);
  const declared = query.tables.map((t) => t.toLowerCase());
  for (const t of tables.filter((t) => !declared.includes(t))) add(`SQL reads table ${t} but the header's tables do not list it`, 'tables');
  for (const t of declared.filter((t) => !tables.includes(t))) add(`header lists table ${t} but the SQL does not read it`, 'tables');

  if (!verdict.ok) return out;
  const unknown = tables.filter((t) => OSQUERY_COLUMNS[t] === undefined);
  if (unknown.length > 0) {
    if (query.flags.length > 0) add(`flags cannot be checked: no column list for table ${unknown.join(', ')} (src/guide/osquery-columns.ts)`, 'flags');
    return out;
  }
  out.push(...(await compileChecks(query, rendered, tables)));
  return out;
}

async function compileChecks(query: Query, rendered: string, tables: string[]): Promise<Violation[]> {
  const out: Violation[] = [];
  const db = await openScratchDatabase();
  try {
    registerOsqueryFunctions(db);
    for (const t of tables) db.run(`CREATE TABLE ${quoteIdent(t)} (${(OSQUERY_COLUMNS[t] ?? []).map(quoteIdent).join(', ')})`);
    let columns: string[];
    try {
      const stmt = db.prepare(rendered);
      columns = stmt.getColumnNames();
      stmt.free();
    } catch (err) {
      return [{ file: query.file, message: `SQL does not compile against osquery's columns: ${errorText(err)}` }];
    }
    const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
    for (const c of new Set(dupes)) {
      out.push({ file: query.file, message: `result has two columns named ${c}: osqueryi keeps only the last; alias one` });
    }
    db.run(`CREATE TABLE result (${[...new Set(columns)].map((c) => `${quoteIdent(c)} TEXT`).join(', ')})`);
    // Registered after the query compiled: flags may call them, queries may not.
    registerStandIns(db, FLAG_FUNCTIONS);
    query.flags.forEach((flag, i) => {
      const problem = flagProblem(db, flag.when);
      if (problem) out.push({ file: query.file, path: `flags[${i}].when`, message: problem });
      (flag.show ?? []).forEach((item, j) => {
        const trouble = showProblem(db, item, columns);
        if (trouble) out.push({ file: query.file, path: `flags[${i}].show[${j}]`, message: trouble });
      });
    });
  } finally {
    db.close();
  }
  return out;
}

/** A flag is one SQL expression over the query's result columns, evaluated with every value as TEXT. */
function flagProblem(db: Database, when: string): string | undefined {
  const tokens = tokenize(when);
  if (tokens.some((t) => t.unterminated)) return 'flag condition has an unterminated string, identifier or comment';
  if (tokens.some((t) => t.kind === 'punct' && t.text === ';')) return 'flag condition must be one expression (no ";")';
  if (tokens.some((t) => t.kind === 'comment')) return 'flag condition must not contain comments';
  if (tokens.some((t) => t.kind === 'placeholder' || t.placeholders)) return 'flag condition must not contain placeholders';
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')' && --depth < 0) break;
  }
  if (depth !== 0) return 'flag condition has unbalanced parentheses';
  try {
    db.prepare(`SELECT * FROM result WHERE (${when}\n)`).free();
  } catch (err) {
    return `flag condition does not compile over the result columns: ${errorText(err)}`;
  }
  return undefined;
}

/** A `show` item is a result column, or `expression AS name` over the result columns. */
function showProblem(db: Database, item: string, columns: string[]): string | undefined {
  const named = /^([\s\S]+?)\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$/i.exec(item);
  if (!named) {
    return columns.some((c) => c.toLowerCase() === item.toLowerCase()) ? undefined : `show names ${item}, which is not a result column`;
  }
  const problem = flagProblem(db, named[1] as string);
  return problem?.replace('flag condition', 'show expression');
}

function registerOsqueryFunctions(db: Database): void {
  registerStandIns(db, OSQUERY_FUNCTIONS);
}

function registerStandIns(db: Database, functions: Readonly<Record<string, number>>): void {
  for (const [name, arity] of Object.entries(functions)) {
    const fn = (): null => null;
    // sql.js registers a function with fn.length arguments; -1 means variadic to SQLite.
    Object.defineProperty(fn, 'length', { value: arity });
    db.create_function(name, fn);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
