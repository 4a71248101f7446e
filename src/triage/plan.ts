import type { Alert, AlertFields } from '../alert/types.js';
import type { Query, Step } from '../guide/model.js';
import { renderQuery } from '../sql/render.js';
import { checkReadOnly } from '../sql/guard.js';
import type { QueryRecord, RunRecord } from './model.js';

/** Query ids in the order the guide's steps reference them (depth first), each once. */
export function guideQueryIds(steps: Step[]): string[] {
  const ids: string[] = [];
  const walk = (list: Step[]): void => {
    for (const step of list) {
      for (const id of step.queries) if (!ids.includes(id)) ids.push(id);
      walk(step.steps);
    }
  };
  walk(steps);
  return ids;
}

/** The alert's fields with values entered by hand taking precedence. */
export function effectiveFields(alert: Alert, entered: Record<string, string[]>): AlertFields {
  return { ...alert.fields, ...entered };
}

/** A query record rendered against the current field values: waiting, blocked, or ready with its runs. */
export function planQuery(query: Query, fields: AlertFields): QueryRecord {
  const base = {
    id: query.id,
    title: query.title,
    template: query.sql,
    fields: query.fields,
    tables: query.tables,
    flags: query.flags,
  };
  const rendering = renderQuery(query.sql, fields);
  if (rendering.status === 'waiting') return { ...base, status: 'waiting', missing: rendering.missing, runs: [] };
  if (rendering.status === 'refused') return { ...base, status: 'blocked', missing: [], refusal: rendering.reason, runs: [] };
  const runs: RunRecord[] = rendering.runs.map((run, i) => {
    const verdict = checkReadOnly(run.sql);
    return {
      key: `${query.id}#${i + 1}`,
      label: run.label,
      sql: run.sql,
      values: run.values,
      status: verdict.ok ? 'ready' : 'blocked',
      columns: [],
      rowCount: 0,
      findings: [],
      nearAlert: [],
      ...(verdict.ok ? {} : { error: `refused by the read-only guard: ${verdict.reason}` }),
    };
  });
  return {
    ...base,
    status: aggregateStatus(runs),
    missing: [],
    ...(rendering.truncated ? { combinations: rendering.combinations } : {}),
    runs,
  };
}

/** A query's status from its runs: the worst outcome wins, then running, then ready, then ok. */
export function aggregateStatus(runs: RunRecord[]): QueryRecord['status'] {
  const order: QueryRecord['status'][] = ['running', 'blocked', 'error', 'timeout', 'ready', 'ok'];
  for (const status of order) if (runs.some((r) => r.status === status)) return status;
  return 'ok';
}
