import type { Query } from '../model.js';
import { draftRule, type RuleDraft } from './draft.js';
import { buildGuide } from './guide.js';
import { readKibanaExport } from './kibana.js';
import { readMarkdownNote } from './markdown.js';
import { buildQueryLibrary, type QueryUse } from './queries.js';
import { slug } from './text.js';
import { readDetectionRuleToml } from './toml.js';
import type { ImportResult, ImportedGuide, ImportWarning, ReadResult, Skipped } from './types.js';

export type SourceFormat = 'toml' | 'ndjson' | 'md';

/** One source file's text. `file` is how the guide's origin names it; `path` is where it was read (platform hints). */
export interface SourceText {
  format: SourceFormat;
  file: string;
  path: string;
  text: string;
}

export function readSource(source: SourceText): ReadResult {
  switch (source.format) {
    case 'toml':
      return readDetectionRuleToml(source.text, source.file, source.path);
    case 'ndjson':
      return readKibanaExport(source.text, source.file, source.path);
    case 'md':
      return readMarkdownNote(source.text, source.file, source.path);
  }
}

/**
 * Import rules into guides and one shared query library. Pure: the caller reads the sources and writes the result.
 * `existing` are queries already in the target directory: the same SQL keeps its id, a taken id is not reused.
 * `reserved` ids belong to another library loaded beside the import (the shipped one): never taken, since a query
 * of the same id in a --guides directory would replace it for every guide.
 */
export function importRules(sources: SourceText[], existing: Pick<Query, 'id' | 'sql'>[] = [], reserved: readonly string[] = []): ImportResult {
  const skipped: Skipped[] = [];
  const warnings: ImportWarning[] = [];
  const errors: ImportResult['errors'] = [];
  const drafts: RuleDraft[] = [];
  const seen = new Map<string, string>();

  for (const source of sources) {
    const read = readSource(source);
    skipped.push(...read.skipped);
    errors.push(...read.errors);
    for (const record of read.records) {
      const draft = draftRule(record);
      const where = { file: record.origin.file, rule: draft.identity.name };
      const first = seen.get(draft.identity.ruleId);
      if (draft.entries.length === 0) skipped.push({ ...where, reason: 'no osquery queries' });
      else if (!draft.entries.some((e) => e.ok)) {
        skipped.push({ ...where, reason: 'no usable osquery queries' });
        warnings.push(...draft.warnings.map((message) => ({ ...where, message })));
      } else if (first !== undefined) skipped.push({ ...where, reason: `duplicate rule_id (already imported from ${first})` });
      else {
        seen.set(draft.identity.ruleId, record.origin.file);
        drafts.push(draft);
      }
    }
  }

  const uses: QueryUse[] = drafts.flatMap((draft, guide) =>
    draft.entries.flatMap((e, i) => (e.ok ? [{ ...e, platform: draft.platforms[i] ?? 'linux', guide }] : [])),
  );
  const library = buildQueryLibrary(uses, existing, { reserved });

  const guides: ImportedGuide[] = [];
  const names = new Set<string>();
  for (const draft of drafts) {
    const where = { file: draft.record.origin.file, rule: draft.identity.name };
    const built = buildGuide(draft, (i) => {
      const e = draft.entries[i];
      return e?.ok ? library.idOf.get(e.norm) : undefined;
    });
    if (!built.ok) {
      skipped.push({ ...where, reason: built.reason });
      continue;
    }
    warnings.push(...draft.warnings.map((message) => ({ ...where, message })));
    const base = slug(draft.identity.name) || slug(draft.identity.ruleId) || 'guide';
    let name = base;
    if (names.has(name)) name = `${base}-${slug(draft.identity.ruleId).slice(0, 8) || 'rule'}`;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    guides.push({ guide: built.guide, fileName: `${name}.yaml` });
  }

  const usedIds = new Set(guides.flatMap((g) => allQueryIds(g.guide.steps)));
  const queries = library.queries.filter((q) => usedIds.has(q.id));
  return { guides, queries, skipped, warnings, errors };
}

function allQueryIds(steps: { queries: string[]; steps: unknown[] }[]): string[] {
  return steps.flatMap((s) => [...s.queries, ...allQueryIds(s.steps as typeof steps)]);
}
