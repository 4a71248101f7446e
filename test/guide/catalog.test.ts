import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogLibrary, catalogProblems, findCatalogGuide, loadCatalogQueries, openGuideCatalog, stepQueryIds } from '../../src/guide/catalog.js';
import { writeGuideIndex } from '../../src/guide/index-build.js';
import { INDEX_FILE, isRacy } from '../../src/guide/index-file.js';
import { loadLibrary } from '../../src/guide/load.js';
import { asks, buildLibrary, differences, dirsOf, LINKER_ID } from './catalog-fixture.js';

let root: string;
let dirs: string[];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'osq-catalog-'));
  dirs = dirsOf(buildLibrary(root));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('catalog lookups answer exactly as loading everything and resolving', () => {
  it('without an index (file heads, and parsing what they cannot tell)', async () => {
    expect(await differences(dirs, await asks(dirs))).toEqual([]);
  });

  it('with an index in each --guides directory', async () => {
    for (const dir of dirs.slice(0, 2)) expect(await writeGuideIndex(dir)).toMatchObject({ ok: true });
    const catalog = await openGuideCatalog(dirs);
    expect(catalog.dirs.map((d) => d.index.used)).toEqual([true, true, false]);
    expect(await differences(dirs, await asks(dirs))).toEqual([]);
    rmSync(join(dirs[0] as string, '.osq-triage-index.json'));
    rmSync(join(dirs[1] as string, '.osq-triage-index.json'));
  });
});

describe('what a lookup reads', () => {
  it('a rule_id found early reads no file after it', async () => {
    const catalog = await openGuideCatalog(dirs);
    const found = await findCatalogGuide(catalog, { ruleId: LINKER_ID.toUpperCase() });
    expect(found).toMatchObject({ ok: true, by: 'rule_id', guide: { file: join(dirs[0] as string, 'guides', 'linker.yaml') } });
    const looked = catalog.dirs.flatMap((d) => d.guides.filter((g) => g.looked).map((g) => g.file));
    expect(looked.at(-1)).toBe(join(dirs[0] as string, 'guides', 'linker.yaml'));
    expect(catalog.dirs[1]?.guides.some((g) => g.looked)).toBe(false);
  });

  it('loads only the queries the guide uses, the first directory winning, by header id not file name', async () => {
    const catalog = await openGuideCatalog(dirs);
    const found = await findCatalogGuide(catalog, { ruleName: 'valid duplicate' });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const queries = await loadCatalogQueries(catalog, stepQueryIds(found.guide.guide.steps));
    expect([...queries.keys()]).toEqual(['users-a', 'authorized-keys']);
    expect(queries.get('users-a')?.title.en).toBe('Users from A');
    expect(queries.get('authorized-keys')?.title.en).toBe('Keys, as overridden');
    expect((await loadCatalogQueries(catalog, ['odd-name', 'broken-q', 'no-such'])).get('odd-name')?.file).toBe(join(dirs[0] as string, 'queries', 'file-name-differs.sql'));
    const full = await loadLibrary(dirs);
    for (const [id, q] of catalogLibrary(catalog).queries) expect(q).toEqual(full.queries.get(id));
  });

  it('reports the problems of the guide files it had to read, in the loader words', async () => {
    const catalog = await openGuideCatalog([...dirs, join(root, 'missing')]);
    await findCatalogGuide(catalog, { ruleName: 'no such rule' });
    const full = await loadLibrary([...dirs, join(root, 'missing')]);
    expect(catalogProblems(catalog)).toEqual(full.problems.filter((p) => !p.file.endsWith('.sql')));
  });
});

describe('the index', () => {
  const fresh = (): { dir: string; dirs: string[] } => {
    const lib = buildLibrary(mkdtempSync(join(root, 'idx-')));
    return { dir: lib.a, dirs: dirsOf(lib) };
  };

  it('gives the guide and queries it records for exactly the bytes of their files, as parsing does', async () => {
    const { dir, dirs: all } = fresh();
    expect(await writeGuideIndex(dir)).toMatchObject({ ok: true, guides: 7, queries: 4 });
    const full = await loadLibrary(all);
    const catalog = await openGuideCatalog(all);
    expect(await findCatalogGuide(catalog, { ruleName: 'late keys rule' })).toEqual({ ok: true, by: 'name', guide: full.guides.find((g) => g.guide.rule_id === 'late-1') });
    expect(await loadCatalogQueries(catalog, ['odd-name'])).toEqual(new Map([['odd-name', full.queries.get('odd-name')]]));
    // The record is what is used: one altered in the data file (same length) shows, until the guide file changes.
    const data = join(dir, '.osq-triage-index.data');
    writeFileSync(data, readFileSync(data, 'utf8').replaceAll('"summary":{"en":"summary"}', '"summary":{"en":"SUMMARY"}'));
    const recorded = await findCatalogGuide(await openGuideCatalog(all), { ruleId: 'wide-1' });
    expect(recorded.ok && recorded.guide.guide.summary.en).toBe('SUMMARY');
    const file = join(dir, 'guides', 'wide.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const reread = await findCatalogGuide(await openGuideCatalog(all), { ruleId: 'wide-1' });
    expect(reread.ok && reread.guide.guide.summary.en).toBe('summary');
  });

  it('gives the problems of broken files in the loader words', async () => {
    const { dir, dirs: all } = fresh();
    await writeGuideIndex(dir);
    const catalog = await openGuideCatalog([...all, join(root, 'missing')]);
    expect(await findCatalogGuide(catalog, { ruleId: LINKER_ID })).toMatchObject({ ok: true });
    expect(catalogProblems(catalog)).toEqual((await loadLibrary([...all, join(root, 'missing')])).problems);
  });

  it('notices a guide changed after indexing, even in the same clock tick and at the same size', async () => {
    const { dir, dirs: all } = fresh();
    await writeGuideIndex(dir);
    const file = join(dir, 'guides', 'zh-first.yml');
    const before = statSync(file).size;
    writeFileSync(file, readFileSync(file, 'utf8').replace('rule_id: zh-1', 'rule_id: zh-2'));
    expect(statSync(file).size).toBe(before);
    const catalog = await openGuideCatalog(all);
    expect(await findCatalogGuide(catalog, { ruleId: 'zh-2' })).toMatchObject({ ok: true, guide: { file } });
    expect(catalog.dirs[0]?.index).toEqual({ used: true, stale: 1 });
    expect(await findCatalogGuide(await openGuideCatalog(all), { ruleId: 'zh-1' })).toMatchObject({ ok: false });
    expect(await differences(all, await asks(all))).toEqual([]);
  });

  it('compares the content of a file changed within a clock tick of the build, where its stamp proves nothing', async () => {
    const { dir, dirs: all } = fresh();
    const file = join(dir, 'guides', 'zh-first.yml');
    const written = statSync(file);
    // Built in the tick the file was written: a later write in that tick could leave the stamp as it was.
    await writeGuideIndex(dir, { now: Math.max(written.ctimeMs, written.mtimeMs) });
    const indexFile = join(dir, INDEX_FILE);
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { guideFiles: Record<string, unknown>[] };
    const entry = index.guideFiles.find((e) => e.name === 'zh-first.yml');
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('rule_id: zh-1', 'rule_id: zh-2'));
    const now = statSync(file);
    Object.assign(entry ?? {}, { size: now.size, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs, ino: now.ino });
    writeFileSync(indexFile, JSON.stringify(index));
    const catalog = await openGuideCatalog(all);
    expect(await findCatalogGuide(catalog, { ruleId: 'zh-2' })).toMatchObject({ ok: true, guide: { file } });
    expect(catalog.dirs[0]?.index).toEqual({ used: true, stale: 1 });
    expect(await differences(all, await asks(all))).toEqual([]);
  });

  it('takes a file system keeping whole seconds into account', () => {
    const stamp = { size: 1, mtimeMs: 1_700_000_000_000, ctimeMs: 1_700_000_000_000, ino: 1 };
    expect(isRacy(stamp, stamp.ctimeMs + 1500)).toBe(true);
    expect(isRacy(stamp, stamp.ctimeMs + 2500)).toBe(false);
    const fine = { ...stamp, ctimeMs: stamp.ctimeMs + 0.5, mtimeMs: stamp.mtimeMs + 0.5 };
    expect(isRacy(fine, fine.ctimeMs + 40)).toBe(true);
    expect(isRacy(fine, fine.ctimeMs + 60)).toBe(false);
  });

  it('notices guides and queries added, removed or broken after indexing', async () => {
    const { dir, dirs: all } = fresh();
    await writeGuideIndex(dir);
    rmSync(join(dir, 'guides', 'linker.yaml'));
    writeFileSync(join(dir, 'guides', 'new.yaml'), readFileSync(join(dir, 'guides', 'wide.yaml'), 'utf8').replace('wide-1', 'new-1'));
    writeFileSync(join(dir, 'guides', 'flow.yaml'), '{"rule_id": "flow-1"');
    writeFileSync(join(dir, 'queries', 'users-a.sql'), readFileSync(join(dir, 'queries', 'users-a.sql'), 'utf8').replace('id: users-a', 'id: users-z'));
    expect(await differences(all, await asks(all))).toEqual([]);
    const catalog = await openGuideCatalog(all);
    const found = await findCatalogGuide(catalog, { ruleName: 'Valid Duplicate' });
    expect(found.ok && (await loadCatalogQueries(catalog, ['users-a', 'users-z'])).get('users-a')?.title.en).toBe('Users from B');
  });

  it('is ignored when unreadable, malformed, truncated or from other code; a bad data file only costs a parse', async () => {
    const { dir, dirs: all } = fresh();
    await writeGuideIndex(dir);
    const indexFile = join(dir, '.osq-triage-index.json');
    const good = readFileSync(indexFile, 'utf8');
    const index = JSON.parse(good) as Record<string, unknown>;
    const bad = [
      'not json',
      good.slice(0, good.length / 2),
      JSON.stringify({ ...index, schema: 'another version' }),
      JSON.stringify({ ...index, guideFiles: 'all of them' }),
      JSON.stringify({ ...index, guideFiles: [{ name: '../../etc/passwd', size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, ruleId: 'x', names: ['x'] }] }),
      JSON.stringify({ ...index, guides: 'elsewhere' }),
      '[]',
    ];
    for (const text of bad) {
      writeFileSync(indexFile, text);
      const catalog = await openGuideCatalog(all);
      expect(catalog.dirs[0]?.index.used, text.slice(0, 40)).toBe(false);
      expect(await differences(all, await asks(all))).toEqual([]);
    }
    writeFileSync(indexFile, good);
    writeFileSync(join(dir, '.osq-triage-index.data'), 'x'.repeat(statSync(join(dir, '.osq-triage-index.data')).size));
    expect((await openGuideCatalog(all)).dirs[0]?.index.used).toBe(true);
    expect(await differences(all, await asks(all))).toEqual([]);
  });

  it('is rebuilt reading only the files changed since', async () => {
    const { dir } = fresh();
    // Built as if long after the files were written, so that no entry is too recent to trust its stamp.
    const later = Date.now() + 60_000;
    expect(await writeGuideIndex(dir, { now: later })).toMatchObject({ ok: true, parsed: 11 });
    const index = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8')) as { guideFiles: Record<string, unknown>[] };
    expect(index.guideFiles.filter((e) => e.sha256 !== undefined)).toEqual([]);
    expect(await writeGuideIndex(dir, { now: later })).toMatchObject({ ok: true, parsed: 0 });
    const file = join(dir, 'guides', 'wide.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('wide-1', 'wide-22'));
    expect(await writeGuideIndex(dir, { now: later })).toMatchObject({ ok: true, parsed: 1 });
    const catalog = await openGuideCatalog([dir]);
    expect(await findCatalogGuide(catalog, { ruleId: 'wide-22' })).toMatchObject({ ok: true, guide: { file, guide: { rule_id: 'wide-22' } } });
    expect(catalog.dirs[0]?.index).toEqual({ used: true, stale: 0 });
  });
});
