import type { Alert } from '../alert/types.js';
import type { EngineInfo } from '../engine/types.js';
import type { Language, LoadedGuide, Query } from '../guide/model.js';
import type { HostFacts, QueryRecord, Session } from './model.js';
import { effectiveFields, guideQueryIds, planQuery } from './plan.js';

export interface NewSession {
  id: string;
  at: string;
  tool: { name: string; version: string };
  host: HostFacts;
  lang: Language;
  alert: Alert;
  guide: LoadedGuide;
  /** The query library the guide's references resolve in. */
  queries: ReadonlyMap<string, Query>;
  engine: EngineInfo;
  enteredFields?: Record<string, string[]>;
}

/** A fresh session: every query the guide references, rendered against the alert (and any values given by hand). */
export function createSession(input: NewSession): Session {
  const entered = input.enteredFields ?? {};
  const fields = effectiveFields(input.alert, entered);
  const guide = input.guide.guide;
  const queries: QueryRecord[] = guideQueryIds(guide.steps).map((id) => {
    const query = input.queries.get(id);
    if (query) return planQuery(query, fields);
    return {
      id,
      title: { en: id },
      template: '',
      fields: [],
      tables: [],
      flags: [],
      status: 'blocked',
      missing: [],
      refusal: `the guide references query ${id}, which is not in the query library`,
      runs: [],
    };
  });
  return {
    format: 'osq-triage-session/1',
    id: input.id,
    createdAt: input.at,
    updatedAt: input.at,
    tool: input.tool,
    host: input.host,
    lang: input.lang,
    alert: input.alert,
    guide: { rule_id: guide.rule_id, source: input.guide.source, file: input.guide.file, sha256: input.guide.sha256, snapshot: guide },
    engine: input.engine,
    enteredFields: entered,
    queries,
    checklist: guide.response.map((item) => ({ id: item.id, text: item.text, checked: false })),
    notes: [],
    exports: [],
  };
}
