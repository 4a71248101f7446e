import type { Platform } from '../model.js';
import { identityOf, type RuleIdentity } from './identity.js';
import { outlineNote, type NoteOutline } from './outline.js';
import { queryPlatform } from './platform.js';
import { prepareEntry, type PreparedEntry } from './queries.js';
import { markQueryRefs } from './refs.js';
import type { RuleRecord } from './types.js';

/** A rule read and checked, before its queries get library ids. */
export interface RuleDraft {
  record: RuleRecord;
  identity: RuleIdentity;
  outline: NoteOutline;
  /** Every osquery entry of the rule, by the index the note's markers use. */
  entries: PreparedEntry[];
  /** Where each entry may run (Windows-only and macOS-only tables or rules are marked so). */
  platforms: Platform[];
  warnings: string[];
}

export function draftRule(record: RuleRecord): RuleDraft {
  const marked = markQueryRefs(record.note, record.listed);
  const outline = outlineNote(marked.text);
  const warnings = [...marked.warnings];
  const identity = identityOf(record, outline, (m) => warnings.push(m));
  const entries = marked.entries.map(prepareEntry);
  entries.forEach((e, i) => {
    if (!e.ok) warnings.push(`osquery entry ${i} ("${e.label}") left out: ${e.reason}`);
  });
  const platforms = entries.map((e) => queryPlatform(e.ok ? e.tables : [], identity.platforms));
  return { record, identity, outline, entries, platforms, warnings };
}
