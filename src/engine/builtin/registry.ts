/** Every table the built-in engine offers, by name. */
import type { TableSpec } from './table.js';
import { fileTables } from './tables/files/index.js';
import { procTables } from './tables/proc/index.js';

export type TableRegistry = ReadonlyMap<string, TableSpec>;

export function tableRegistry(specs: readonly TableSpec[] = [...procTables, ...fileTables]): TableRegistry {
  const registry = new Map<string, TableSpec>();
  for (const spec of specs) {
    const name = spec.name.toLowerCase();
    if (registry.has(name)) throw new Error(`built-in table ${name} is defined twice`);
    registry.set(name, spec);
  }
  return registry;
}

let defaults: TableRegistry | undefined;

/** The engine's own tables (built once). */
export function builtinTables(): TableRegistry {
  defaults ??= tableRegistry();
  return defaults;
}
