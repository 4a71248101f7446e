import type { Query } from '../guide/model.js';
import type { QueryRecord, Session, SessionAction } from './model.js';
import { aggregateStatus, effectiveFields, planQuery } from './plan.js';

/**
 * The session reducer shared by `run`, the TUI and `resume`: pure, so replaying the audit log rebuilds the session.
 * Entering a value re-plans the queries that read that field and have not run yet.
 */
export function reduceSession(session: Session, action: SessionAction): Session {
  const touched = { ...session, updatedAt: action.at };
  switch (action.type) {
    case 'value-entered': {
      const enteredFields = { ...session.enteredFields, [action.field]: action.values };
      const fields = effectiveFields(session.alert, enteredFields);
      const queries = session.queries.map((q) =>
        q.fields.includes(action.field) && !q.runs.some((r) => r.status !== 'ready' && r.status !== 'blocked')
          ? planQuery(asQuery(q), fields)
          : q,
      );
      return { ...touched, enteredFields, queries };
    }
    case 'run-started':
      // Starting a finished run again (re-run) clears its previous result; that result stays in the audit log.
      return {
        ...touched,
        queries: updateRun(session.queries, action.key, (r) => ({
          key: r.key,
          label: r.label,
          sql: r.sql,
          values: r.values,
          status: 'running',
          columns: [],
          rowCount: 0,
          findings: [],
          nearAlert: [],
          startedAt: action.at,
        })),
      };
    case 'run-finished':
      return { ...touched, queries: updateRun(session.queries, action.key, (r) => ({ ...r, ...action.result })) };
    case 'checklist-toggled':
      return {
        ...touched,
        checklist: session.checklist.map((c) => (c.id === action.id ? { ...c, checked: action.checked, at: action.at } : c)),
      };
    case 'note-set': {
      const others = session.notes.filter((n) => n.target !== action.target);
      const notes = action.text.trim() === '' ? others : [...others, { target: action.target, text: action.text, at: action.at }];
      return { ...touched, notes };
    }
    case 'verdict-set':
      return { ...touched, verdict: { value: action.value, reason: action.reason, at: action.at } };
    case 'exported':
      return { ...touched, exports: [...session.exports, { at: action.at, formats: action.formats, files: action.files }] };
  }
}

export function findRun(session: Session, key: string): { query: QueryRecord; run: QueryRecord['runs'][number] } | undefined {
  for (const query of session.queries) {
    const run = query.runs.find((r) => r.key === key);
    if (run) return { query, run };
  }
  return undefined;
}

/** Keys of runs ready to execute, in guide order. */
export function readyRuns(session: Session): string[] {
  return session.queries.flatMap((q) => q.runs.filter((r) => r.status === 'ready').map((r) => r.key));
}

function updateRun(queries: QueryRecord[], key: string, change: (run: QueryRecord['runs'][number]) => QueryRecord['runs'][number]): QueryRecord[] {
  return queries.map((q) => {
    if (!q.runs.some((r) => r.key === key)) return q;
    const runs = q.runs.map((r) => (r.key === key ? change(r) : r));
    return { ...q, runs, status: aggregateStatus(runs) };
  });
}

function asQuery(q: QueryRecord): Query {
  return { id: q.id, title: q.title, sql: q.template, fields: q.fields, tables: q.tables, flags: q.flags, platforms: ['linux'], file: '' };
}
