import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');
const CRON_ID = '0a1b2c3d-0000-4000-8000-000000000001';

interface Report {
  guide: { id: string; source: string; sha256: string };
  queries: { id: string; status: string }[];
}

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function importedLibrary(): Promise<{ work: string; lib: string }> {
  const work = await mkdtemp(join(tmpdir(), 'osq-run-index-'));
  made.push(work);
  const lib = join(work, 'lib');
  const imported = await cli(['guides', 'import', FIXTURES, '--to', lib]);
  expect(imported.exitCode).toBe(0);
  return { work, lib };
}

/** Names and modification times of everything under a directory. */
async function state(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).sort();
  return Promise.all(names.map(async (n) => `${n} ${(await stat(join(dir, n))).mtimeMs}`));
}

describe('run with an imported --guides directory (indexed)', () => {
  it('finds the guide and its queries through the index, records the file hash, and writes nothing there', async () => {
    const { work, lib } = await importedLibrary();
    await writeFile(join(lib, 'guides', 'zz-broken.yaml'), 'rule_id: [unclosed\n');
    expect((await cli(['guides', 'index', lib])).exitCode).toBe(0);
    const before = await state(lib);
    const out = join(work, 'bundle');
    const run = await cli(['run', '--rule', CRON_ID, '--guides', lib, '--set', 'user.name=root', '--set', 'file.path=/etc/cron.d/x', '--out', out]);
    expect([0, 3]).toContain(run.exitCode);
    // A broken guide file is reported as it was when the whole library was loaded.
    expect(run.stderr).toMatch(new RegExp(`^osq-triage: warning: ${join(lib, 'guides', 'zz-broken.yaml')}: not valid YAML`));
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    const file = join(lib, 'guides', 'cron-dropper-test-rule.yaml');
    expect(report.guide).toMatchObject({ id: CRON_ID, source: lib, sha256: execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0] });
    expect(report.queries.length).toBeGreaterThan(0);
    expect(report.queries.filter((q) => q.status === 'blocked')).toEqual([]);
    expect(await state(lib)).toEqual(before);
  });

  it('follows a guide edited after the index was written', async () => {
    const { work, lib } = await importedLibrary();
    const file = join(lib, 'guides', 'cron-dropper-test-rule.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('en: Cron Dropper Test Rule', 'en: Edited Cron Rule'));
    const out = join(work, 'bundle');
    const run = await cli(['run', '--rule', 'Edited Cron Rule', '--guides', lib, '--set', 'user.name=root', '--out', out]);
    expect([0, 3]).toContain(run.exitCode);
    expect(run.stdout).toMatch(/^Edited Cron Rule /);
    const old = await cli(['run', '--rule', 'Cron Dropper Test Rule', '--guides', lib, '--set', 'user.name=root', '--out', join(work, 'b2')]);
    expect(old.exitCode).toBe(2);
    expect(old.stderr).toMatch(/^osq-triage: No guide for rule "Cron Dropper Test Rule"\. Closest: "[^\n]*\.$/);
    expect(old.stderr).not.toContain('"Cron Dropper Test Rule",');
  });
});
