import { QueryMeta, type Platform, type Query } from '../model.js';
import { checkReadOnly } from '../../sql/guard.js';
import { placeholderFields } from '../../sql/placeholders.js';
import { renderQuery } from '../../sql/render.js';
import { referencedTables } from '../../sql/tables.js';
import { sortPlatforms } from './identity.js';
import { convertPlaceholders, normaliseSql, shortHash, slug } from './text.js';
import type { ImportedQuery, OsqueryEntry } from './types.js';

/** An entry turned into our SQL and checked, or why it cannot be used. */
export type PreparedEntry =
  | { ok: true; label: string; sql: string; norm: string; fields: string[]; tables: string[] }
  | { ok: false; label: string; reason: string };

/**
 * Convert an entry's placeholders and check it the way a run would: it must render with a value for every field
 * and the rendered statement must pass the read-only guard.
 */
export function prepareEntry(entry: OsqueryEntry): PreparedEntry {
  const label = entry.label;
  const sql = convertPlaceholders(entry.query).trim().replace(/;\s*$/, '').trim();
  if (sql === '') return { ok: false, label, reason: 'the query is empty' };
  const fields = placeholderFields(sql);
  const rendering = renderQuery(sql, Object.fromEntries(fields.map((f) => [f, ['x']])));
  if (rendering.status === 'refused') return { ok: false, label, reason: rendering.reason };
  if (rendering.status === 'waiting') return { ok: false, label, reason: `unrenderable placeholders: ${rendering.missing.join(', ')}` };
  const verdict = checkReadOnly(rendering.runs[0]?.sql ?? '');
  if (!verdict.ok) return { ok: false, label, reason: `refused by the read-only guard: ${verdict.reason}` };
  const tables = referencedTables(sql);
  if (tables.length === 0) return { ok: false, label, reason: 'the query reads no osquery table' };
  return { ok: true, label, sql, norm: normaliseSql(sql), fields, tables };
}

/** One use of a query by a guide. */
export interface QueryUse {
  label: string;
  sql: string;
  norm: string;
  fields: string[];
  tables: string[];
  platform: Platform;
  /** The guide using it (any key that is the same for the same guide). */
  guide: number;
}

export interface QueryLibrary {
  queries: ImportedQuery[];
  /** Query id by normalised SQL. */
  idOf: Map<string, string>;
}

/**
 * One query per distinct SQL text (whitespace-collapsed), shared by every guide that uses it. Its id is the slug of
 * its label (without Elastic's "Osquery - " prefix), with a short hash of the SQL when that slug names several
 * queries or an existing one with other SQL (or always, with `alwaysHash`); an existing query with the same SQL keeps
 * its id.
 */
export function buildQueryLibrary(
  uses: QueryUse[],
  existing: Pick<Query, 'id' | 'sql'>[] = [],
  options: { alwaysHash?: boolean; reserved?: readonly string[] } = {},
): QueryLibrary {
  const groups = new Map<string, QueryUse[]>();
  for (const use of uses) groups.set(use.norm, [...(groups.get(use.norm) ?? []), use]);
  const existingByNorm = new Map(existing.map((q) => [normaliseSql(q.sql), q.id]));
  const taken = new Map(existing.map((q) => [q.id, normaliseSql(q.sql)]));
  for (const id of options.reserved ?? []) if (!taken.has(id)) taken.set(id, '');

  const norms = [...groups.keys()].sort();
  const titles = new Map(norms.map((n) => [n, titleOf(groups.get(n) ?? [])]));
  const baseOf = (norm: string): string => slug(stripPrefix(titles.get(norm) ?? '')) || 'query';
  const perBase = new Map<string, number>();
  for (const norm of norms) if (!existingByNorm.has(norm)) perBase.set(baseOf(norm), (perBase.get(baseOf(norm)) ?? 0) + 1);

  const idOf = new Map<string, string>();
  for (const norm of norms) {
    const reused = existingByNorm.get(norm);
    if (reused !== undefined) {
      idOf.set(norm, reused);
      continue;
    }
    const base = baseOf(norm);
    let id = base;
    const unique = perBase.get(base) === 1 && options.alwaysHash !== true && !taken.has(base);
    for (let length = 6; (!unique && id === base) || taken.has(id); length += 2) id = `${base}-${shortHash(norm, length)}`;
    taken.set(id, norm);
    idOf.set(norm, id);
  }

  const queries = norms.map((norm): ImportedQuery => {
    const group = groups.get(norm) ?? [];
    const first = group[0] as QueryUse;
    const id = idOf.get(norm) as string;
    const meta = QueryMeta.parse({
      id,
      title: { en: titles.get(norm) },
      fields: first.fields,
      tables: first.tables,
      platforms: sortPlatforms(group.map((u) => u.platform)),
      flags: [],
    });
    return { ...meta, sql: first.sql, fileName: `${id}.sql`, usedBy: new Set(group.map((u) => u.guide)).size };
  });
  queries.sort((a, b) => a.id.localeCompare(b.id));
  return { queries, idOf };
}

/** The label most uses give it; ties go to the alphabetically first. */
function titleOf(group: QueryUse[]): string {
  const counts = new Map<string, number>();
  for (const u of group) counts.set(u.label, (counts.get(u.label) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'Osquery query';
}

function stripPrefix(label: string): string {
  return label.replace(/^\s*osquery\s*[-–—:]\s*/i, '');
}
