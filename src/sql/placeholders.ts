import { tokenize } from './tokenize.js';

/** Distinct `<<field>>` names a statement reads (in code or inside string literals), in order of appearance. */
export function placeholderFields(sql: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(sql)) {
    if (token.kind !== 'placeholder' && token.kind !== 'string') continue;
    for (const p of token.placeholders ?? []) seen.add(p.field);
  }
  return [...seen];
}
