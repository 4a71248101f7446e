/**
 * Finds the alert documents inside one parsed JSON value: an alert, an ES hit (`_source` and/or `fields`,
 * `_id`), a search response (`hits.hits`), or an array of any of these.
 */

import type { AlertFields } from './types.js';
import { emptyFields, flattenInto, isPlainObject } from './flatten.js';

export interface RawAlert {
  fields: AlertFields;
  /** The hit's `_id`, when the document came from a hit. */
  hitId?: string;
  /** Where in the input the document sits, for messages: "line 3" or "line 1, item 2". */
  where: string;
}

export type Unwrapped = { ok: true; docs: RawAlert[] } | { ok: false; where: string; found: string };

function isHit(value: Record<string, unknown>): boolean {
  if (isPlainObject(value['_source'])) return true;
  return isPlainObject(value['fields']) && ('_id' in value || '_index' in value);
}

function searchHits(value: Record<string, unknown>): unknown[] | undefined {
  const hits = value['hits'];
  if (isPlainObject(hits) && Array.isArray(hits['hits'])) return hits['hits'];
  return undefined;
}

function within(base: string, label: string): string {
  return base === '' ? label : `${base}, ${label}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fromHit(hit: Record<string, unknown>, where: string): RawAlert {
  const fields = emptyFields();
  if (isPlainObject(hit['_source'])) flattenInto(fields, hit['_source']);
  if (isPlainObject(hit['fields'])) flattenInto(fields, hit['fields']);
  const id = hit['_id'];
  return typeof id === 'string' && id !== '' ? { fields, hitId: id, where } : { fields, where };
}

/** Collects the alert documents of one top-level value; `where` names that value for messages. */
export function unwrapValue(value: unknown, where: string): Unwrapped {
  const docs: RawAlert[] = [];
  // Explicit stack (children pushed in reverse) keeps document order without recursion.
  const work: Array<{ value: unknown; where: string }> = [{ value, where }];
  const pushAll = (items: unknown[], label: (i: number) => string): void => {
    for (let i = items.length - 1; i >= 0; i--) work.push({ value: items[i], where: label(i + 1) });
  };
  while (work.length > 0) {
    const next = work.pop();
    if (next === undefined) break;
    const item = next.value;
    if (Array.isArray(item)) {
      pushAll(item, (n) => within(next.where, `item ${n}`));
      continue;
    }
    if (!isPlainObject(item)) return { ok: false, where: next.where, found: describe(item) };
    const hits = searchHits(item);
    if (hits !== undefined) {
      pushAll(hits, (n) => within(next.where, `hit ${n}`));
    } else if (isHit(item)) {
      docs.push(fromHit(item, next.where));
    } else {
      docs.push({ fields: flattenInto(emptyFields(), item), where: next.where });
    }
  }
  return { ok: true, docs };
}
