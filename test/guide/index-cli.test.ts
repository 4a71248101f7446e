import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guidesCommand } from '../../src/cli/guides.js';
import type { CliIO } from '../../src/cli/io.js';
import { openGuideCatalog } from '../../src/guide/catalog.js';
import { loadLibrary } from '../../src/guide/load.js';
import { shippedGuideDir } from '../../src/guide/paths.js';
import { resolveGuide } from '../../src/guide/resolve.js';
import { listing } from './catalog-fixture.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const CRON_ID = '0a1b2c3d-0000-4000-8000-000000000001';

async function guides(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    stdin: process.stdin,
    env: { LANG: 'C.UTF-8' },
    cwd: process.cwd(),
  };
  const code = await guidesCommand(args, io);
  return { code, out, err };
}

/** Every file under a directory with its content and times, to show nothing was written there. */
async function state(dir: string): Promise<string[]> {
  return Promise.all(listing(dir).map(async (name) => `${name} ${(await stat(join(dir, name))).mtimeMs}`));
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osq-index-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('guide index from the command line', () => {
  it('guides import writes the index, which guides show then uses without writing anything', async () => {
    const to = join(dir, 'lib');
    expect((await guides(['import', FIXTURES, '--to', to])).code).toBe(0);
    expect((await openGuideCatalog([to])).dirs[0]?.index.used).toBe(true);
    const before = await state(to);
    const shown = await guides(['show', CRON_ID.toUpperCase(), '--guides', to]);
    expect(shown).toMatchObject({ code: 0, err: '' });
    expect(shown.out).toMatch(/^Cron Dropper Test Rule\n/);
    expect(shown.out).toContain('[home-cron-files]');
    expect(shown.out).not.toContain('(no such query in the library)');
    expect(await state(to)).toEqual(before);
  });

  it('guides show answers a stale index from the files, and says no guide the same way', async () => {
    const to = join(dir, 'lib');
    await guides(['import', FIXTURES, '--to', to]);
    const file = join(to, 'guides', 'cron-dropper-test-rule.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('en: Cron Dropper Test Rule', 'en: Renamed Cron Rule'));
    expect((await guides(['show', 'renamed cron rule', '--guides', to])).out).toMatch(/^Renamed Cron Rule\n/);
    const miss = await guides(['show', 'Cron Dropper Test Rule', '--guides', to]);
    expect(miss).toMatchObject({ code: 2, out: '' });
    const resolved = resolveGuide(await loadLibrary([to, shippedGuideDir()]), { ruleId: 'Cron Dropper Test Rule', ruleName: 'Cron Dropper Test Rule' });
    expect(resolved.ok).toBe(false);
    expect(miss.err).toBe(`osq-triage: ${resolved.ok ? '' : resolved.message}\n`);
  });

  it('guides index writes and refreshes the index of each directory named, and refuses what is not one', async () => {
    const to = join(dir, 'lib');
    await guides(['import', FIXTURES, '--to', to]);
    await rm(join(to, '.osq-triage-index.json'));
    const indexed = await guides(['index', to]);
    expect(indexed).toMatchObject({ code: 0, err: '' });
    expect(indexed.out).toBe(`${join(to, '.osq-triage-index.json')}: 5 guides, 11 queries (16 files read afresh)\n`);
    expect((await openGuideCatalog([to])).dirs[0]?.index.used).toBe(true);
    const missing = await guides(['index', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('is not a guide directory');
    expect((await guides(['index'])).code).toBe(2);
  });
});
