import type { Guide, Query } from '../model.js';
import { draftRule } from './draft.js';
import { buildGuide } from './guide.js';
import { buildQueryLibrary } from './queries.js';

export interface AlertRuleIdentity {
  ruleId?: string;
  ruleName?: string;
  severity?: string;
  riskScore?: number;
}

export interface AlertNoteGuide {
  guide: Guide;
  queries: Query[];
  warnings: string[];
}

export const ALERT_NOTE_FILE = '(alert note)';

/**
 * A guide from the investigation note an alert carries (kibana.alert.rule.note), for an alert no local guide
 * matches. The note's `!{osquery{...}}` blocks become its queries; their ids always carry a hash of the SQL so
 * they cannot be mistaken for a library query of the same name. Without usable steps the guide still has one step.
 */
export function guideFromAlertNote(note: string, rule: AlertRuleIdentity): AlertNoteGuide {
  const draft = draftRule({
    origin: { kind: 'alert-note', file: ALERT_NOTE_FILE },
    ruleId: rule.ruleId,
    name: rule.ruleName,
    severity: rule.severity,
    riskScore: rule.riskScore,
    note,
    path: '',
  });
  const uses = draft.entries.flatMap((e, i) => (e.ok ? [{ ...e, platform: draft.platforms[i] ?? 'linux', guide: 0 }] : []));
  const library = buildQueryLibrary(uses, [], { alwaysHash: true });
  const idOf = (i: number): string | undefined => {
    const e = draft.entries[i];
    return e?.ok ? library.idOf.get(e.norm) : undefined;
  };
  const built = buildGuide(draft, idOf);
  const guide = built.ok ? built.guide : fallbackGuide(draft.identity, built.reason);
  const queries = library.queries.map(({ fileName: _f, usedBy: _u, ...q }) => ({ ...q, file: ALERT_NOTE_FILE }));
  return { guide, queries, warnings: built.ok ? draft.warnings : [...draft.warnings, built.reason] };
}

function fallbackGuide(identity: ReturnType<typeof draftRule>['identity'], reason: string): Guide {
  return {
    rule_id: identity.ruleId,
    name: { en: identity.name },
    languages: ['en'],
    severity: identity.severity,
    risk_score: identity.riskScore,
    mitre: { tactics: [], techniques: [] },
    platforms: identity.platforms,
    tags: [],
    fields: [],
    summary: { en: `The alert's note could not be read as a guide (${reason}).` },
    steps: [{ text: { en: 'Review the alert and its context.' }, queries: [], steps: [] }],
    false_positives: [],
    related_rules: [],
    response: [],
    origin: { kind: 'alert-note', file: ALERT_NOTE_FILE },
  };
}
