import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookAt } from '../../src/guide/catalog-entry.js';
import { findCatalogGuide, loadCatalogQueries, openGuideCatalog } from '../../src/guide/catalog.js';
import { collectSources, writeImport } from '../../src/guide/import/files.js';
import { importRules } from '../../src/guide/import/import.js';
import { writeGuideIndex } from '../../src/guide/index-build.js';
import { loadLibrary, type Library } from '../../src/guide/load.js';
import type { RuleQuery } from '../../src/guide/match.js';
import { shippedGuideDir } from '../../src/guide/paths.js';
import { differences } from './catalog-fixture.js';

const CORPUS = '/work/shared/data/elastic-detection-rules';
const present = existsSync(join(CORPUS, 'rules'));
if (!present) console.warn(`skipping the catalog corpus tests: ${CORPUS} is absent`);

/** Elastic's rules as imported: the guides the importer writes, read by head, by index record and by parsing. */
describe.skipIf(!present)('catalog over the imported Elastic corpus', () => {
  let out: string;
  let dirs: string[];
  let lib: Library;
  let asks: RuleQuery[];

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'osq-catalog-corpus-'));
    const { sources } = await collectSources([join(CORPUS, 'rules'), join(CORPUS, 'rules_building_block')]);
    await writeImport(importRules(sources), out);
    dirs = [out, shippedGuideDir()];
    lib = await loadLibrary(dirs);
    asks = lib.guides.flatMap(({ guide }) => [{ ruleId: guide.rule_id }, ...Object.values(guide.name).map((ruleName) => ({ ruleName }))]);
  }, 60_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('reads the identity of every imported guide from its head, and finds each as the resolver does', async () => {
    const entries = (await openGuideCatalog(dirs)).dirs[0]?.guides ?? [];
    entries.forEach(lookAt);
    expect(entries).toHaveLength(97);
    expect(entries.filter((g) => g.keys === undefined).map((g) => g.file)).toEqual([]);
    expect(await differences(dirs, asks)).toEqual([]);
  }, 60_000);

  it('with the index, finds each guide and its queries as loading everything does', async () => {
    expect(await writeGuideIndex(out)).toMatchObject({ ok: true, guides: 97 });
    expect(await differences(dirs, asks)).toEqual([]);
    const catalog = await openGuideCatalog(dirs);
    // Every guide of the directory, as recorded, equals the guide as parsed (the shipped seeds share rule_ids: skip).
    for (const loaded of lib.guides.filter((g) => g.source === out)) {
      expect(await findCatalogGuide(catalog, { ruleId: loaded.guide.rule_id })).toEqual({ ok: true, by: 'rule_id', guide: loaded });
    }
    const ids = [...lib.queries.keys()];
    expect(await loadCatalogQueries(catalog, ids)).toEqual(new Map(ids.map((id) => [id, lib.queries.get(id)])));
  }, 60_000);
});
