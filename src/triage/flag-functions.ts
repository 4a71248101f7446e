/** The functions flag conditions may call (sql/flag-functions.ts), bound to one session's alert and host. */
import type { Database } from 'sql.js';
import type { HostRecordSet } from '../engine/types.js';
import { FLAG_FUNCTIONS, type FlagFunction } from '../sql/flag-functions.js';
import { codeTokens } from '../sql/tokenize.js';

export interface FlagContext {
  /** The alert's @timestamp (ISO 8601). */
  alertTime?: string | undefined;
  /** What the engine's host records hold; absent when the host's files cannot be read from here. */
  records?: HostRecordSet | undefined;
}

type SqlValue = string | number | null;

/** Whether any of these SQL expressions calls a function that needs the host's records. */
export function needsHostRecords(expressions: readonly string[]): boolean {
  return expressions.some((e) =>
    codeTokens(e).some((t) => t.kind === 'identifier' && /^(package_|preload_)/i.test(t.text)),
  );
}

export function registerFlagFunctions(db: Database, context: FlagContext): void {
  const epoch = context.alertTime === undefined ? NaN : Date.parse(context.alertTime) / 1000;
  const packages = context.records?.packages ?? null;
  const preload = context.records?.preload ?? null;
  const record = (path: unknown) => (packages && typeof path === 'string' ? packages.lookup(path) : undefined);
  const impl: Record<FlagFunction, (...args: unknown[]) => SqlValue> = {
    alert_time: () => (Number.isFinite(epoch) ? Math.floor(epoch) : null),
    package_of: (path) => (packages ? (record(path)?.package ?? '') : null),
    package_md5: (path) => record(path)?.md5 ?? null,
    package_conffile: (path) => (packages ? (record(path)?.conffile ? 1 : 0) : null),
    preload_libraries: () => (preload ? preload.map((e) => `${e.name} (${e.exists ? 'present' : 'missing'})`).join(', ') : null),
    preload_missing: () => (preload ? preload.filter((e) => !e.exists).length : null),
  };
  for (const [name, arity] of Object.entries(FLAG_FUNCTIONS) as [FlagFunction, number][]) {
    const fn = impl[name];
    const bound = arity === 0 ? () => fn() : (a: unknown) => fn(a);
    db.create_function(name, bound);
  }
}
