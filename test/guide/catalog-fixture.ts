import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { findCatalogGuide, openGuideCatalog, type CatalogResolution } from '../../src/guide/catalog.js';
import { loadLibrary } from '../../src/guide/load.js';
import type { RuleQuery } from '../../src/guide/match.js';
import { shippedGuideDir, shippedGuidesPath, shippedQueriesPath } from '../../src/guide/paths.js';
import { resolveGuide, type Resolution } from '../../src/guide/resolve.js';

export const LINKER_ID = 'df6f62d9-caab-4b88-affa-044f4395a1e0';

export function guide(ruleId: string, names: Record<string, string>, queries: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rule_id: ruleId,
    name: names,
    languages: Object.keys(names),
    severity: 'low',
    risk_score: 21,
    summary: Object.fromEntries(Object.keys(names).map((l) => [l, 'summary'])),
    steps: [{ text: Object.fromEntries(Object.keys(names).map((l) => [l, 'step'])), queries }],
    ...extra,
  };
}

export function query(id: string, title: string): string {
  return `/*\nid: ${id}\ntitle: { en: ${title} }\ntables: [users]\n*/\nSELECT username FROM users;\n`;
}

/**
 * Two guide directories in both layouts, beside the shipped one, holding every case the lookup must get right: an
 * override of a shipped rule_id, files only the parser can read, an invalid file claiming a valid rule's id, names
 * in several languages and forms, and queries overriding, misnamed and broken.
 */
export function buildLibrary(root: string): { a: string; b: string } {
  const a = join(root, 'a');
  const b = join(root, 'b');
  mkdirSync(join(a, 'guides'), { recursive: true });
  mkdirSync(join(a, 'queries'), { recursive: true });
  mkdirSync(join(b, 'queries'), { recursive: true });
  const linker = readFileSync(join(shippedGuidesPath(), 'dynamic-linker-copy.yaml'), 'utf8').replace('en: Dynamic Linker Copy', 'en: Local Linker Copy');
  writeFileSync(join(a, 'guides', 'linker.yaml'), linker);
  writeFileSync(join(a, 'guides', 'flow.yaml'), JSON.stringify(guide('flow-1', { en: 'Flow Style Rule' }, ['users-a'])));
  writeFileSync(join(a, 'guides', 'broken.yaml'), stringify({ ...guide('dup-1', { en: 'Broken Duplicate' }), risk_score: 'high' }));
  const { rule_id, name, ...rest } = guide('late-1', { en: 'Late Keys Rule', 'zh-CN': '后置键规则' }, ['odd-name']);
  writeFileSync(join(a, 'guides', 'late.yaml'), stringify({ ...rest, summary: { en: 'x'.repeat(3000), 'zh-CN': 'y' }, rule_id, name }));
  writeFileSync(join(a, 'guides', 'zh-first.yml'), stringify(guide('zh-1', { 'zh-CN': '中文优先规则', en: 'Chinese First Rule' })));
  writeFileSync(join(a, 'guides', 'wide.yaml'), stringify(guide('wide-1', { en: 'Ｗｉｄｅ  Ｎａｍｅ Rule' })));
  writeFileSync(join(a, 'guides', 'not-yaml.yaml'), 'rule_id: [unclosed\n');
  writeFileSync(join(a, 'queries', 'users-a.sql'), query('users-a', 'Users from A'));
  writeFileSync(join(a, 'queries', 'file-name-differs.sql'), query('odd-name', 'Odd name'));
  writeFileSync(join(a, 'queries', 'broken.sql'), '/*\nid: broken-q\ntables: []\n*/\nSELECT 1;\n');
  cpSync(join(shippedQueriesPath(), 'authorized-keys.sql'), join(a, 'queries', 'authorized-keys.sql'));
  writeFileSync(join(a, 'queries', 'authorized-keys.sql'), readFileSync(join(a, 'queries', 'authorized-keys.sql'), 'utf8').replace('SSH authorized keys of every account', 'Keys, as overridden'));

  writeFileSync(join(b, 'dup.yaml'), stringify(guide('DUP-1', { en: 'Valid Duplicate' }, ['users-a', 'authorized-keys'])));
  writeFileSync(join(b, 'linker-again.yaml'), stringify(guide(LINKER_ID, { en: 'Third Linker' })));
  writeFileSync(join(b, 'hexy.yaml'), stringify(guide('0123456789abcdef0123', { en: 'Hex Shaped Rule' }, ['users-a'])));
  writeFileSync(join(b, 'queries', 'users-a.sql'), query('users-a', 'Users from B'));
  return { a, b };
}

/** Every rule_id and name of the directories (as loaded), in a few spellings, plus misses and odd asks. */
export async function asks(dirs: string[]): Promise<RuleQuery[]> {
  const lib = await loadLibrary(dirs);
  const out: RuleQuery[] = [{}, { ruleId: '  ' }, { ruleName: 'Dynamic Linker Cpoy' }, { ruleName: 'Kworker suspicious file' }];
  out.push({ ruleId: 'dup-1' }, { ruleName: 'Broken Duplicate' }, { ruleName: '0123456789ABCDEF0123' }, { ruleId: 'nope', ruleName: 'Flow Style Rule' });
  out.push({ ruleName: 'wide name rule' }, { ruleName: '  中文优先规则 ' }, { ruleId: 'x\r\ny', ruleName: 'evil\nname\u001b[31m' });
  for (const { guide: g } of lib.guides) {
    out.push({ ruleId: g.rule_id }, { ruleId: ` ${g.rule_id.toUpperCase()} ` }, { ruleName: g.rule_id });
    for (const n of Object.values(g.name)) out.push({ ruleName: n }, { ruleName: n.toLowerCase().replace(/ /g, '   ') }, { ruleName: `${n}x` });
  }
  return out;
}

export function dirsOf(lib: { a: string; b: string }): string[] {
  return [lib.a, lib.b, shippedGuideDir()];
}

/** What a resolution says, comparable between the loader + resolver and the catalog. */
export function summary(r: Resolution | CatalogResolution): unknown {
  return r.ok ? { by: r.by, file: r.guide.file, sha256: r.guide.sha256, source: r.guide.source, guide: r.guide.guide } : { message: r.message, suggestions: r.suggestions };
}

/** Resolve every ask both ways; the differences, which should be none. */
export async function differences(dirs: string[], rules: RuleQuery[]): Promise<{ rule: RuleQuery; want: unknown; got: unknown }[]> {
  const lib = await loadLibrary(dirs);
  const out: { rule: RuleQuery; want: unknown; got: unknown }[] = [];
  for (const rule of rules) {
    const want = summary(resolveGuide(lib, rule));
    const got = summary(await findCatalogGuide(await openGuideCatalog(dirs), rule));
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push({ rule, want, got });
  }
  return out;
}

export function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}
