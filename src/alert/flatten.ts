/**
 * Flattens an alert document to dotted keys with string-list values. Elastic mixes literal dotted keys
 * ("kibana.alert.rule.name") with nested ECS objects, and the fields API wraps every value in an array;
 * all of these land on the same key.
 */

import type { AlertFields } from './types.js';

/** A field map without a prototype, so keys such as "__proto__" or "constructor" are plain data. */
export function emptyFields(): AlertFields {
  return Object.create(null) as AlertFields;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addValue(fields: AlertFields, key: string, value: string): void {
  const list = fields[key];
  if (list === undefined) {
    fields[key] = [value];
  } else if (!list.includes(value)) {
    list.push(value);
  }
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function walk(fields: AlertFields, prefix: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    // Nested arrays flatten; objects in arrays flatten per key under the same prefix.
    for (const item of value) walk(fields, prefix, item);
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) walk(fields, join(prefix, key), child);
    return;
  }
  const text = scalarText(value);
  if (text !== undefined && prefix !== '') addValue(fields, prefix, text);
}

/** Adds every field of `doc` to `into` (distinct values, first-seen order). */
export function flattenInto(into: AlertFields, doc: unknown, prefix = ''): AlertFields {
  walk(into, prefix, doc);
  return into;
}

export function flattenDocument(doc: unknown): AlertFields {
  return flattenInto(emptyFields(), doc);
}

/** Copies a field map (values copied too) into a prototype-free map. */
export function copyFields(fields: AlertFields): AlertFields {
  const out = emptyFields();
  for (const [key, values] of Object.entries(fields)) out[key] = [...values];
  return out;
}
