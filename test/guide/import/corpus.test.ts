import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImport } from '../../../src/guide/import/files.js';
import { importRules, type SourceText } from '../../../src/guide/import/import.js';
import { convertPlaceholders, normaliseSql } from '../../../src/guide/import/text.js';
import type { ImportResult } from '../../../src/guide/import/types.js';
import { lintLibrary } from '../../../src/guide/lint.js';
import { exampleValue } from '../../../src/guide/lint-sql.js';
import { loadLibrary } from '../../../src/guide/load.js';
import type { Step } from '../../../src/guide/model.js';
import { checkReadOnly } from '../../../src/sql/guard.js';
import { placeholderFields } from '../../../src/sql/placeholders.js';
import { renderQuery } from '../../../src/sql/render.js';
import { tokenize } from '../../../src/sql/tokenize.js';

const CORPUS = '/work/shared/data/elastic-detection-rules';
const present = existsSync(join(CORPUS, 'rules'));
if (!present) console.warn(`skipping the Elastic corpus tests: ${CORPUS} is absent`);

interface CorpusRule {
  file: string;
  entries: { label: string; query: string }[];
}

async function tomlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await tomlFiles(path)));
    else if (e.name.endsWith('.toml')) out.push(path);
  }
  return out.sort();
}

function queryIds(steps: Step[]): string[] {
  return steps.flatMap((s) => [...s.queries, ...queryIds(s.steps)]);
}

describe.skipIf(!present)('the Elastic detection-rules corpus', () => {
  let sources: SourceText[];
  let rules: CorpusRule[];
  let result: ImportResult;
  let out: string;

  beforeAll(async () => {
    const files = [...(await tomlFiles(join(CORPUS, 'rules'))), ...(await tomlFiles(join(CORPUS, 'rules_building_block')))];
    sources = await Promise.all(files.map(async (path) => ({ format: 'toml' as const, file: relative(CORPUS, path), path, text: await readFile(path, 'utf8') })));
    // Counted independently of the importer: the TOML's own [[transform.osquery]] tables.
    rules = sources.map((s) => {
      const doc = parseToml(s.text) as { transform?: { osquery?: { label: string; query: string }[] } };
      return { file: s.file, entries: doc.transform?.osquery ?? [] };
    });
    result = importRules(sources);
    out = await mkdtemp(join(tmpdir(), 'osq-corpus-'));
    await writeImport(result, out);
  }, 120_000);

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('has the rule files and osquery entries we expect', () => {
    const withQueries = rules.filter((r) => r.entries.length > 0);
    const linux = withQueries.filter((r) => r.file.startsWith('rules/linux/'));
    expect(rules).toHaveLength(2192);
    expect(withQueries).toHaveLength(97);
    expect(withQueries.reduce((n, r) => n + r.entries.length, 0)).toBe(449);
    expect(linux).toHaveLength(30);
    expect(linux.reduce((n, r) => n + r.entries.length, 0)).toBe(182);
  });

  it('imports every rule with osquery queries and skips every other one with a reason', () => {
    expect(result.errors).toEqual([]);
    const imported = new Set(result.guides.map((g) => g.guide.origin?.file));
    expect(result.guides).toHaveLength(97);
    for (const r of rules.filter((r) => r.entries.length > 0)) expect(imported.has(r.file), r.file).toBe(true);
    expect(result.skipped).toHaveLength(2192 - 97);
    expect(new Set(result.skipped.map((s) => s.reason))).toEqual(new Set(['no osquery queries']));
    // The one rule whose note and entries disagree is reported, not silently fixed.
    expect(result.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual([
      expect.stringMatching(/persistence_insmod_kernel_module_load\.toml: the note references \$osquery_6, which the rule does not list/),
      expect.stringMatching(/persistence_insmod_kernel_module_load\.toml: osquery entry \$osquery_0 .* kept under "Additional queries"/),
    ]);
  });

  it('gives every guide every one of its rule’s entries', () => {
    const byFile = new Map(result.guides.map((g) => [g.guide.origin?.file, g.guide]));
    const idBySql = new Map(result.queries.map((q) => [normaliseSql(q.sql), q.id]));
    let entries = 0;
    for (const rule of rules.filter((r) => r.entries.length > 0)) {
      const ids = new Set(queryIds(byFile.get(rule.file)?.steps ?? []));
      for (const e of rule.entries) {
        const id = idBySql.get(normaliseSql(convertPlaceholders(e.query)));
        expect(id, `${rule.file}: ${e.label}`).toBeDefined();
        expect(ids.has(id as string), `${rule.file}: ${e.label}`).toBe(true);
        entries++;
      }
    }
    expect(entries).toBe(449);
  });

  it('lints clean', async () => {
    const lib = await loadLibrary([out]);
    expect(lib.guides).toHaveLength(97);
    expect(result.queries.some((q) => !q.platforms.includes('linux'))).toBe(true);
    expect(await lintLibrary(lib)).toEqual([]);
  }, 60_000);

  it('renders each of the 182 Linux entries with test values into SQL the guard and the tokenizer accept', () => {
    const platforms = new Map(result.queries.map((q) => [normaliseSql(q.sql), q.platforms]));
    let checked = 0;
    for (const rule of rules.filter((r) => r.file.startsWith('rules/linux/'))) {
      for (const e of rule.entries) {
        const sql = convertPlaceholders(e.query);
        expect(sql).not.toMatch(/\{\{/);
        expect(platforms.get(normaliseSql(sql)), e.label).toContain('linux');
        const fields = placeholderFields(sql);
        const rendering = renderQuery(sql, Object.fromEntries(fields.map((f) => [f, [exampleValue(f)]])));
        expect(rendering.status, `${rule.file}: ${e.label}`).toBe('ready');
        const rendered = rendering.status === 'ready' ? (rendering.runs[0]?.sql ?? '') : '';
        expect(checkReadOnly(rendered), `${rule.file}: ${e.label}`).toEqual({ ok: true });
        expect(tokenize(rendered).filter((t) => t.unterminated || t.kind === 'placeholder')).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBe(182);
  });
});
