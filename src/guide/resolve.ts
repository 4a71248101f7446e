import type { Library } from './load.js';
import { closestNames as closestKeyNames, matchRule, noMatch, type RuleKeys, type RuleQuery } from './match.js';
import { LANGUAGES, type LoadedGuide } from './model.js';

export { normalizeName, similarity, type RuleQuery } from './match.js';

export type Resolution =
  | { ok: true; guide: LoadedGuide; by: 'rule_id' | 'name' }
  | { ok: false; message: string; suggestions: string[] };

/**
 * Find the guide for a rule: by rule_id first, then by name in any of the guide's languages (case and whitespace
 * ignored). lib.guides is in directory precedence order, so the first match is the --guides override.
 */
export function resolveGuide(lib: Library, rule: RuleQuery): Resolution {
  const keys = lib.guides.map(guideKeysOf);
  const found = matchRule(keys, rule);
  const guide = found ? lib.guides[found.index] : undefined;
  if (found && guide) return { ok: true, guide, by: found.by };
  return noMatch(keys, rule);
}

/** A loaded guide's identity: rule_id and its names in the order of LANGUAGES. */
export function guideKeysOf(g: LoadedGuide): RuleKeys {
  return { ruleId: g.guide.rule_id, names: LANGUAGES.map((l) => g.guide.name[l]).filter((n): n is string => n !== undefined) };
}

/** Up to three guide names nearest to what was asked, in the language that matched best; one per guide. */
export function closestNames(lib: Library, asked: string, limit = 3): string[] {
  return closestKeyNames(lib.guides.map(guideKeysOf), asked, limit);
}
