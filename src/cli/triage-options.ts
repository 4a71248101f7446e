import { resolve } from 'node:path';
import { selectEngine, type EngineSelection } from '../engine/select.js';
import type { CliIO } from './io.js';
import type { TriageSetup } from './start-session.js';
import { readAlertSource } from '../alert/source.js';
import { alertFromFlags, parseSets } from '../alert/flags.js';
import type { Alert, AlertFields } from '../alert/types.js';
import type { Language } from '../guide/model.js';
import { terminalSafe } from '../report/terminal-text.js';
import { listFlag, parseFlags, positiveInt, stringFlag } from './args.js';
import { languageFrom } from './strings.js';

/** Flags shared by `run`, the interactive mode and `resume`. */
export const TRIAGE_FLAGS = {
  engine: { type: 'string' },
  osqueryi: { type: 'string' },
  guides: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  rule: { type: 'string' },
  alert: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  root: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface TriageOptions {
  alertPath?: string;
  rule?: string;
  pick?: string;
  engine: string;
  osqueryi?: string;
  guides: string[];
  sets: string[];
  entered: AlertFields;
  out?: string;
  lang: Language;
  timeoutMs: number;
  concurrency: number;
  root?: string;
  json: boolean;
  help: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseTriageOptions(args: string[], env: NodeJS.ProcessEnv): Parsed<TriageOptions> {
  const parsed = parseFlags(args, TRIAGE_FLAGS);
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  if (parsed.positionals.length > 1) return { ok: false, message: `expected one ALERT, got ${parsed.positionals.length}: ${parsed.positionals.map((p) => JSON.stringify(terminalSafe(p))).join(' ')}` };
  const lang = languageFrom(stringFlag(v.lang), env);
  if (!lang) return { ok: false, message: `--lang expects en or zh-CN, not ${JSON.stringify(terminalSafe(String(v.lang)))}` };
  const timeout = positiveInt(v.timeout, '--timeout', 60, 3600);
  if (!timeout.ok) return timeout;
  const concurrency = positiveInt(v.concurrency, '--concurrency', 2, 64);
  if (!concurrency.ok) return concurrency;
  const sets = listFlag(v.set);
  const entered = parseSets(sets);
  if (!entered.ok) return { ok: false, message: entered.error.message };
  const options: TriageOptions = {
    engine: stringFlag(v.engine) ?? 'auto',
    guides: listFlag(v.guides),
    sets,
    entered: entered.fields,
    lang,
    timeoutMs: timeout.value * 1000,
    concurrency: concurrency.value,
    json: v.json === true,
    help: v.help === true,
  };
  const alertPath = parsed.positionals[0];
  if (alertPath !== undefined) options.alertPath = alertPath;
  for (const [key, flag] of [['rule', 'rule'], ['pick', 'alert'], ['osqueryi', 'osqueryi'], ['out', 'out'], ['root', 'root']] as const) {
    const value = stringFlag(v[flag]);
    if (value !== undefined) options[key] = value;
  }
  return { ok: true, value: options };
}

/** The alerts to triage: from the file (or stdin), or built from --rule and --set. */
export async function readAlerts(options: TriageOptions): Promise<Parsed<Alert[]>> {
  if (options.alertPath !== undefined && options.rule !== undefined) return { ok: false, message: 'give an ALERT file or --rule, not both' };
  if (options.alertPath === undefined && options.rule === undefined) return { ok: false, message: 'no alert: give an ALERT file (or - for stdin), or --rule RULE_ID|NAME with --set FIELD=VALUE' };
  const read = options.rule !== undefined ? alertFromFlags(options.rule, []) : await readAlertSource(options.alertPath as string);
  if (!read.ok) return { ok: false, message: read.error.message };
  return { ok: true, value: read.alerts };
}

/** One alert out of several: --alert N (1-based) or --alert ID. */
export function pickAlert(alerts: Alert[], pick: string | undefined): Parsed<Alert> {
  if (pick === undefined) {
    if (alerts.length === 1) return { ok: true, value: alerts[0] as Alert };
    return { ok: false, message: `the input holds ${alerts.length} alerts: choose one with --alert N (1-${alerts.length}) or --alert ALERT_ID` };
  }
  const byIndex = /^\d+$/.test(pick) ? alerts[Number(pick) - 1] : undefined;
  const chosen = byIndex ?? alerts.find((a) => a.id === pick);
  return chosen ? { ok: true, value: chosen } : { ok: false, message: `--alert ${JSON.stringify(terminalSafe(pick))} matches none of the ${alerts.length} alerts` };
}

/** The engine the flags ask for (--engine, --osqueryi, --root). */
export function engineFor(options: TriageOptions, io: Pick<CliIO, 'env' | 'cwd'>): Promise<EngineSelection> {
  return selectEngine({
    choice: options.engine,
    env: io.env,
    cwd: io.cwd,
    ...(options.osqueryi !== undefined ? { osqueryi: options.osqueryi } : {}),
    ...(options.root !== undefined ? { root: options.root } : {}),
  });
}

/** How a new session is started from the flags: shared by `run` and the interactive mode. */
export function sessionSetup(
  options: TriageOptions,
  io: Pick<CliIO, 'cwd'>,
  library: TriageSetup['library'],
  engine: Extract<EngineSelection, { ok: true }>,
): TriageSetup {
  const osqueryi = options.osqueryi;
  return {
    lang: options.lang,
    library,
    engine: engine.engine,
    engineInfo: engine.info,
    engineRequest: {
      choice: options.engine,
      why: engine.why,
      // A bare name is looked up on PATH again on resume; a path is kept absolute.
      ...(osqueryi !== undefined ? { osqueryi: osqueryi.includes('/') ? resolve(io.cwd, osqueryi) : osqueryi } : {}),
      ...(options.root !== undefined ? { root: resolve(io.cwd, options.root) } : {}),
    },
    cwd: io.cwd,
    entered: options.entered,
    ...(options.out !== undefined ? { out: options.out } : {}),
  };
}
