import { isDeepStrictEqual } from 'node:util';
import type { Session, SessionAction } from '../triage/model.js';
import { reduceSession } from '../triage/reducer.js';

/**
 * The session state the audit log replays to: the `session-started` event's state, then every recorded action. A
 * session.json that differs was changed outside the tool, even when SHA256SUMS was rewritten to match it.
 */
export function replaySession(lines: string[]): Session | undefined {
  let session: Session | undefined;
  for (const line of lines) {
    let event: { type?: unknown; session?: Session; action?: SessionAction };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return undefined;
    }
    if (event.type === 'session-started' && event.session) session = event.session;
    else if (session && event.action) session = reduceSession(session, event.action);
  }
  return session;
}

/** Where two session states first differ (a dotted path), ignoring the audit position and runs left in flight. */
export function sessionDifference(stored: unknown, replayed: Session): string | undefined {
  return firstDifference(settled(stored), settled(JSON.parse(JSON.stringify(replayed)) as unknown), '');
}

/** Runs in flight when a process died read as ready once the store reopens the bundle: compare them as ready. */
function settled(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const { audit: _audit, ...rest } = value as Record<string, unknown>;
  void _audit;
  const asReady = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null) return item;
    const record = item as Record<string, unknown>;
    const runs = record.runs;
    return {
      ...record,
      status: record.status === 'running' ? 'ready' : record.status,
      ...(Array.isArray(runs) ? { runs: (runs as unknown[]).map(asReady) } : {}),
    };
  };
  const queries = rest.queries;
  return Array.isArray(queries) ? { ...rest, queries: (queries as unknown[]).map(asReady) } : rest;
}

function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path || '(root)';
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (inner !== undefined) return inner;
  }
  return path || '(root)';
}
