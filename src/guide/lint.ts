import { basename } from 'node:path';
import { placeholderFields } from '../sql/placeholders.js';
import type { Library } from './load.js';
import { checkQuerySql, type Violation } from './lint-sql.js';
import type { Guide, Language, LocalizedText, Query, Step } from './model.js';

export type { Violation } from './lint-sql.js';

/**
 * Every problem in a library at once, so an author fixes them in one pass: load failures, duplicate ids, unknown query
 * references, placeholders a guide does not declare, missing translations, and per query the guard, the tables and
 * that the SQL and its flags compile against osquery's columns.
 * Duplicates are reported within one directory only: a rule_id or query id in an earlier --guides directory is an
 * intended override of a later one.
 */
export async function lintLibrary(lib: Library): Promise<Violation[]> {
  const out: Violation[] = lib.problems.map((p) => ({ file: p.file, message: p.message }));
  out.push(...duplicateRuleIds(lib), ...duplicateQueryIds(lib));

  const requiredLanguages = new Map<string, Set<Language>>();
  for (const loaded of lib.guides) {
    const { guide, file } = loaded;
    out.push(...guideTranslations(guide, file));
    const readFields = new Set<string>();
    for (const ref of queryRefs(guide.steps)) {
      const query = lib.queries.get(ref.id);
      if (query === undefined) {
        out.push({ file, path: ref.path, message: `unknown query id ${ref.id}` });
        continue;
      }
      const langs = requiredLanguages.get(ref.id) ?? new Set<Language>();
      for (const l of guide.languages) langs.add(l);
      requiredLanguages.set(ref.id, langs);
      for (const f of new Set([...query.fields, ...placeholderFields(query.sql)])) {
        readFields.add(f);
        if (!guide.fields.includes(f)) {
          out.push({ file, path: ref.path, message: `query ${ref.id} reads <<${f}>> but the guide's fields do not list ${f}` });
        }
      }
    }
    for (const f of guide.fields.filter((f) => !readFields.has(f))) {
      out.push({ file, path: 'fields', message: `guide lists field ${f} but none of its queries reads it` });
    }
  }

  for (const { query } of lib.queryFiles) {
    const stem = basename(query.file).replace(/\.sql$/i, '');
    if (stem !== query.id) out.push({ file: query.file, path: 'id', message: `query id ${query.id} does not match the file name ${stem}.sql` });
    out.push(...queryTranslations(query, requiredLanguages.get(query.id)));
    out.push(...(await checkQuerySql(query)));
  }
  return out;
}

/** One line per violation: `file[: path]: message`. */
export function formatViolation(v: Violation): string {
  return v.path === undefined ? `${v.file}: ${v.message}` : `${v.file}: ${v.path}: ${v.message}`;
}

function duplicateRuleIds(lib: Library): Violation[] {
  const seen = new Map<string, string>();
  const out: Violation[] = [];
  for (const { guide, file, source } of lib.guides) {
    const key = `${source}\0${guide.rule_id}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, file);
    else out.push({ file, path: 'rule_id', message: `duplicate rule_id ${guide.rule_id} (also in ${first})` });
  }
  return out;
}

function duplicateQueryIds(lib: Library): Violation[] {
  const seen = new Map<string, string>();
  const out: Violation[] = [];
  for (const { query, source } of lib.queryFiles) {
    const key = `${source}\0${query.id}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, query.file);
    else out.push({ file: query.file, path: 'id', message: `duplicate query id ${query.id} (also in ${first})` });
  }
  return out;
}

interface QueryRef {
  id: string;
  path: string;
}

function queryRefs(steps: Step[], prefix = 'steps'): QueryRef[] {
  return steps.flatMap((step, i) => [
    ...step.queries.map((id, j) => ({ id, path: `${prefix}[${i}].queries[${j}]` })),
    ...queryRefs(step.steps, `${prefix}[${i}].steps`),
  ]);
}

/** Every text of a guide with its YAML path. */
function guideTexts(guide: Guide): [string, LocalizedText][] {
  const texts: [string, LocalizedText][] = [['name', guide.name], ['summary', guide.summary]];
  const walk = (steps: Step[], prefix: string): void => {
    steps.forEach((s, i) => {
      texts.push([`${prefix}[${i}].text`, s.text]);
      walk(s.steps, `${prefix}[${i}].steps`);
    });
  };
  walk(guide.steps, 'steps');
  guide.false_positives.forEach((t, i) => texts.push([`false_positives[${i}]`, t]));
  guide.related_rules.forEach((r, i) => texts.push([`related_rules[${i}].name`, r.name]));
  guide.response.forEach((r, i) => texts.push([`response[${i}].text`, r.text]));
  return texts;
}

function guideTranslations(guide: Guide, file: string): Violation[] {
  return guideTexts(guide).flatMap(([path, text]) => missingLanguages(text, guide.languages).map((lang) => ({
    file, path, message: `missing ${lang} text (the guide's languages are ${guide.languages.join(', ')})`,
  })));
}

function queryTranslations(query: Query, languages: Set<Language> | undefined): Violation[] {
  if (languages === undefined) return [];
  const wanted = [...languages];
  const texts: [string, LocalizedText][] = [['title', query.title]];
  if (query.description) texts.push(['description', query.description]);
  query.flags.forEach((f, i) => texts.push([`flags[${i}].reason`, f.reason]));
  return texts.flatMap(([path, text]) => missingLanguages(text, wanted).map((lang) => ({
    file: query.file, path, message: `missing ${lang} text (a guide using this query is written in ${lang})`,
  })));
}

function missingLanguages(text: LocalizedText, wanted: readonly Language[]): Language[] {
  return wanted.filter((lang) => text[lang] === undefined || text[lang]?.trim() === '');
}
