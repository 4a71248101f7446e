/**
 * Matching a rule (id and/or name from an alert) against guide identities. Pure, and free of the guide schema, so
 * an index of names can answer without loading the YAML parser or zod.
 */

export interface RuleQuery {
  ruleId?: string;
  ruleName?: string;
}

/** What identifies a guide: its rule_id and its names, in the order of LANGUAGES. */
export interface RuleKeys {
  ruleId: string;
  names: readonly string[];
}

export type RuleMatch = { index: number; by: 'rule_id' | 'name' };

/** Rule ids are UUIDs in Elastic's corpus; anything of that shape (or a bare hex/dash token) is tried as an id. */
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f-]{16,}$/i;

/**
 * The first guide for a rule: by rule_id first, then by name in any language (case and whitespace ignored), then a
 * name shaped like an id tried as an id. `guides` is in precedence order, so the first match is the override.
 */
export function matchRule(guides: readonly RuleKeys[], rule: RuleQuery): RuleMatch | undefined {
  const ruleId = rule.ruleId?.trim();
  const ruleName = rule.ruleName?.trim();
  if (ruleId) {
    const byId = indexById(guides, ruleId);
    if (byId >= 0) return { index: byId, by: 'rule_id' };
  }
  if (ruleName) {
    const wanted = normalizeName(ruleName);
    const byName = guides.findIndex((g) => g.names.some((n) => normalizeName(n) === wanted));
    if (byName >= 0) return { index: byName, by: 'name' };
    if (!ruleId && ID_SHAPE.test(ruleName)) {
      const byId = indexById(guides, ruleName);
      if (byId >= 0) return { index: byId, by: 'rule_id' };
    }
  }
  return undefined;
}

/** The message for a rule no guide matches, with the closest names as suggestions. */
export function noMatch(guides: readonly RuleKeys[], rule: RuleQuery): { ok: false; message: string; suggestions: string[] } {
  const ruleId = rule.ruleId?.trim();
  const ruleName = rule.ruleName?.trim();
  if (!ruleId && !ruleName) return { ok: false, message: 'No rule id or rule name given: cannot pick a guide.', suggestions: [] };
  const suggestions = closestNames(guides, ruleName ?? ruleId ?? '');
  const asked = [ruleName ? `"${oneLine(ruleName)}"` : undefined, ruleId ? `(rule_id ${oneLine(ruleId)})` : undefined]
    .filter((s) => s !== undefined)
    .join(' ');
  const hint = suggestions.length > 0 ? ` Closest: ${suggestions.map((s) => `"${s}"`).join(', ')}.` : ' The library has no guides.';
  return { ok: false, message: `No guide for rule ${asked}.${hint}`, suggestions };
}

function indexById(guides: readonly RuleKeys[], id: string): number {
  const wanted = id.toLowerCase();
  return guides.findIndex((g) => g.ruleId.trim().toLowerCase() === wanted);
}

/** Case-folded, NFKC (full-width letters and spaces fold too), whitespace runs collapsed. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Up to three guide names nearest to what was asked, in the language that matched best; one per rule_id. */
export function closestNames(guides: readonly RuleKeys[], asked: string, limit = 3): string[] {
  const target = normalizeName(asked);
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const g of guides) {
    if (seen.has(g.ruleId)) continue;
    seen.add(g.ruleId);
    let best: { name: string; score: number } | undefined;
    for (const name of g.names) {
      const score = similarity(target, normalizeName(name));
      if (!best || score > best.score) best = { name, score };
    }
    if (best) scored.push(best);
  }
  return scored
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => oneLine(s.name));
}

/** The better of edit-distance similarity and token overlap, both in [0, 1]. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max([...a].length, [...b].length);
  const edit = longest === 0 ? 0 : 1 - editDistance(a, b) / longest;
  return Math.max(edit, tokenOverlap(a, b));
}

/** Jaccard overlap of word tokens; CJK text has no spaces, so each Han character counts as a token. */
function tokenOverlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

function tokens(s: string): Set<string> {
  return new Set(s.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? []);
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** Names come from files and alerts: keep the message on one line and free of control characters. */
function oneLine(s: string): string {
  const clean = s.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/gu, ' ').trim();
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}
