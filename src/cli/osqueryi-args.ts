/**
 * osqueryi's command line, read the way its flag library reads it: `--flag`, `-flag`, `--flag=value`,
 * `--flag value`, `--noflag` for booleans, `--` to end the flags.
 */

export type OutputMode = 'pretty' | 'list' | 'line' | 'csv';

export interface ShellSettings {
  mode: OutputMode;
  /** In pretty mode: print JSON (json) or indented JSON (json_pretty) instead of a table. */
  json: boolean;
  jsonPretty: boolean;
  header: boolean;
  separator: string;
  nullvalue: string;
}

export interface OsqueryiArgs {
  settings: ShellSettings;
  /** The SQL (or dot command) given as the first positional argument. */
  sql: string | undefined;
  root: string | undefined;
  version: boolean;
  help: boolean;
}

const BOOLEAN_FLAGS = ['json', 'json_pretty', 'csv', 'line', 'list', 'header', 'version', 'help'] as const;
const STRING_FLAGS = ['separator', 'nullvalue', 'root'] as const;
/** osquery flags that change nothing here; accepted so callers written for osqueryi keep working. */
const IGNORED_FLAGS = new Set([
  'disable_events', 'disable_extensions', 'disable_logging', 'disable_database', 'verbose', 'logger_min_status',
  'logger_plugin', 'config_plugin', 'config_path', 'database_path', 'extensions_autoload', 'extensions_socket',
  'ephemeral', 'disable_watchdog', 'logger_stderr', 'planner', 'S',
]);

type BooleanFlag = (typeof BOOLEAN_FLAGS)[number];
type StringFlag = (typeof STRING_FLAGS)[number];

export function parseOsqueryiArgs(argv: readonly string[]): { ok: true; args: OsqueryiArgs } | { ok: false; message: string } {
  const bools = new Map<BooleanFlag, boolean>();
  const strings = new Map<StringFlag, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if ((STRING_FLAGS as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ok: false, message: `flag '${name}' is missing its argument` };
      strings.set(name as StringFlag, value);
    } else if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      const value = inline === undefined ? true : parseBool(inline);
      if (value === undefined) return { ok: false, message: `illegal value '${inline}' specified for bool flag '${name}'` };
      bools.set(name as BooleanFlag, value);
    } else if (name.startsWith('no') && inline === undefined && (BOOLEAN_FLAGS as readonly string[]).includes(name.slice(2))) {
      bools.set(name.slice(2) as BooleanFlag, false);
    } else if (IGNORED_FLAGS.has(name) || IGNORED_FLAGS.has(name.replace(/^no/, ''))) {
      // An ignored flag written as `--flag value` takes its value with it only when it is not a boolean.
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('-') && !isBooleanIgnored(name)) i++;
    } else {
      return { ok: false, message: `unknown command line flag '${name}'` };
    }
  }
  const mode: OutputMode = bools.get('list') ? 'list' : bools.get('line') ? 'line' : bools.get('csv') ? 'csv' : 'pretty';
  return {
    ok: true,
    args: {
      settings: {
        mode,
        json: bools.get('json') ?? false,
        jsonPretty: bools.get('json_pretty') ?? false,
        header: bools.get('header') ?? true,
        // As in osqueryi, --csv alone keeps the default '|' separator: pass --separator=, for commas.
        separator: strings.get('separator') ?? '|',
        nullvalue: strings.get('nullvalue') ?? '',
      },
      sql: positionals[0],
      root: strings.get('root'),
      version: bools.get('version') ?? false,
      help: bools.get('help') ?? false,
    },
  };
}

function isBooleanIgnored(name: string): boolean {
  return ['disable_events', 'disable_extensions', 'disable_logging', 'disable_database', 'verbose', 'ephemeral',
    'disable_watchdog', 'logger_stderr', 'S'].includes(name.replace(/^no/, ''));
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(t)) return false;
  return undefined;
}
