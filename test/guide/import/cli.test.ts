import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guidesCommand } from '../../../src/cli/guides.js';
import type { CliIO } from '../../../src/cli/io.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'import');

interface Captured {
  io: CliIO;
  out: () => string;
  err: () => string;
}

function capture(env: NodeJS.ProcessEnv = {}): Captured {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    stdin: process.stdin,
    env,
    cwd: process.cwd(),
  };
  return { io, out: () => out, err: () => err };
}

async function run(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const c = capture(env);
  const code = await guidesCommand(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osq-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('guides import', () => {
  it('writes guides and queries and prints counts, grouped skip reasons and warnings', async () => {
    const to = join(dir, 'lib');
    const r = await run(['import', FIXTURES, '--to', to]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`imported 5 guides, 11 queries (1 shared) into ${to}`);
    expect(r.out).toMatch(/skipped 3:\n\s+2 {2}no osquery queries \(kibana\/rules_export\.ndjson:4, rules\/linux\/discovery_no_queries\.toml\)\n\s+1 {2}not a detection rule/);
    expect(r.out).toMatch(/warnings \(4\):\n {2}kibana\/rules_export\.ndjson:1 \(Brace Test Rule\): malformed osquery block/);
    expect((await readdir(join(to, 'guides'))).sort()).toEqual([
      'brace-test-rule.yaml', 'cron-dropper-test-rule.yaml', 'saved-object-test-rule.yaml', 'service-test-rule.yaml', 'ssh-key-added-test-note.yaml',
    ]);
    expect(await readdir(join(to, 'queries'))).toHaveLength(11);
  });

  it('gives the same files when run again into the same directory', async () => {
    const to = join(dir, 'lib');
    await run(['import', FIXTURES, '--to', to]);
    const first = await snapshot(to);
    expect((await run(['import', FIXTURES, '--to', to])).code).toBe(0);
    expect(await snapshot(to)).toEqual(first);
  });

  it('exits 2 on bad arguments and unreadable sources, without writing', async () => {
    expect((await run(['import', FIXTURES])).code).toBe(2);
    expect((await run(['import', '--to', join(dir, 'x')])).code).toBe(2);
    expect((await run(['import', FIXTURES, '--to', join(dir, 'x'), '--bogus'])).code).toBe(2);
    const missing = await run(['import', join(dir, 'nope'), '--to', join(dir, 'x')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/cannot read .*nope: no such file or directory/) });
    await writeFile(join(dir, 'file'), '');
    expect((await run(['import', FIXTURES, '--to', join(dir, 'file')])).code).toBe(2);
    expect((await run(['import', join(dir, 'file'), '--to', join(dir, 'x')])).err).toMatch(/not a \.toml, \.ndjson or \.md file/);
    expect(await readdir(dir)).toEqual(['file']);
  });

  it('imports what parses, lists what did not, and exits 2', async () => {
    const src = join(dir, 'src');
    await mkdir(src);
    await writeFile(join(src, 'broken.toml'), '[rule\n');
    await writeFile(join(src, 'ok.toml'), await readFile(join(FIXTURES, 'rules', 'linux', 'persistence_cron_dropper.toml')));
    const r = await run(['import', src, '--to', join(dir, 'lib')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/imported 1 guides/);
    expect(r.out).toMatch(/errors \(1\):\n {2}broken\.toml: not valid TOML/);
  });
});

describe('guides list, show and lint', () => {
  it('lists imported guides with their source, and shows one by id or name with its queries', async () => {
    const lib = join(dir, 'lib');
    await run(['import', FIXTURES, '--to', lib]);
    const list = await run(['list', '--guides', lib, '--source']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^0a1b2c3d-0000-4000-8000-000000000010 {2}high {6}Brace Test Rule {2}\[.*brace-test-rule\.yaml; kibana-export kibana\/rules_export\.ndjson:1\]$/m);

    const byId = await run(['show', '0A1B2C3D-0000-4000-8000-000000000001', '--guides', lib]);
    expect(byId.code).toBe(0);
    expect(byId.out).toMatch(/^Cron Dropper Test Rule\n/);
    expect(byId.out).toContain("[home-cron-files] Osquery - Home Cron Files\n");
    expect(byId.out).toContain("WHERE path LIKE '/home/<<user.name>>/.cron/%'");
    expect(byId.out).toMatch(/Response checklist\n {2}\[ \] Isolate the host\./);

    const byName = await run(['show', 'service', 'test', 'RULE', '--guides', lib, '--lang', 'zh-CN']);
    expect(byName.out).toContain('(windows 专用)');
    expect(byName.out).toContain('调查步骤');
    expect((await run(['show', 'x', '--lang', 'fr', '--guides', lib])).code).toBe(2);
    const miss = await run(['show', 'Brace Test Rules', '--guides', lib]);
    expect(miss).toMatchObject({ code: 2, err: expect.stringContaining('Closest: "Brace Test Rule"') });
  });

  it('lints a directory: exit 0 when clean, 1 listing every violation', async () => {
    const lib = join(dir, 'lib');
    await run(['import', join(FIXTURES, 'rules', 'linux'), join(FIXTURES, 'notes'), '--to', lib]);
    const clean = await run(['lint', lib]);
    expect(clean).toMatchObject({ code: 0, out: '2 guides, 6 queries: no problems\n' });

    const guide = await readFile(join(lib, 'guides', 'cron-dropper-test-rule.yaml'), 'utf8');
    await writeFile(join(lib, 'guides', 'cron-dropper-test-rule.yaml'), guide.replace('- cron-entries', '- no-such-query'));
    await writeFile(join(lib, 'guides', 'junk.yaml'), 'rule_id: [');
    const dirty = await run(['lint', lib]);
    expect(dirty.code).toBe(1);
    expect(dirty.out).toMatch(/junk\.yaml: not valid YAML/);
    expect(dirty.out).toMatch(/cron-dropper-test-rule\.yaml: steps\[0\]\.queries\[0\]: unknown query id no-such-query/);
    expect((await run(['lint', join(dir, 'none')])).code).toBe(2);
  });

  it('lints a directory whose guides use the shipped queries, reporting only its own files', async () => {
    const own = join(dir, 'own', 'guides');
    await mkdir(own, { recursive: true });
    const shipped = await readFile(join(import.meta.dirname, '..', '..', '..', 'guides', 'systemd-timer-created.yaml'), 'utf8');
    await writeFile(join(own, 'custom.yaml'), shipped.replace(/^rule_id: .*$/m, 'rule_id: 11111111-2222-3333-4444-555555555555'));
    expect(await run(['lint', join(dir, 'own')])).toMatchObject({ code: 0, out: '1 guides, 0 queries: no problems\n' });
    await writeFile(join(own, 'custom.yaml'), shipped.replace(/^rule_id: .*$/m, 'rule_id: 11111111-2222-3333-4444-555555555555').replace('queries: [host-context]', 'queries: [nowhere]'));
    const dirty = await run(['lint', join(dir, 'own')]);
    expect(dirty.code).toBe(1);
    expect(dirty.out.trim().split('\n')).toEqual([expect.stringMatching(/custom\.yaml: .*unknown query id nowhere/), '1 guides, 0 queries: 1 problems']);
  });

  it('strips control characters and escape sequences that came from files', async () => {
    const src = join(dir, 'evil.toml');
    const rule = await readFile(join(FIXTURES, 'rules', 'linux', 'persistence_cron_dropper.toml'), 'utf8');
    await writeFile(src, rule.replace('name = "Cron Dropper Test Rule"', 'name = "Evil\\u001b]0;owned\\u0007\\u001b[2J Rule\\u0008"'));
    const lib = join(dir, 'lib');
    const imported = await run(['import', src, '--to', lib]);
    const listed = await run(['list', '--guides', lib]);
    const shown = await run(['show', '0a1b2c3d-0000-4000-8000-000000000001', '--guides', lib]);
    for (const text of [imported.out, listed.out, shown.out]) {
      expect(text).toContain('Evil');
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
  });

  it('rejects unknown subcommands and flags', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['list', '--nope'])).code).toBe(2);
    expect((await run(['list', '--guides', join(dir, 'missing')])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const sub of ['guides', 'queries']) {
    for (const name of await readdir(join(root, sub))) out[`${sub}/${name}`] = await readFile(join(root, sub, name), 'utf8');
  }
  return out;
}
