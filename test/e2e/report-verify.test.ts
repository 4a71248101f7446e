import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_GUIDE, requireBuiltCli, sha256sumCheck } from './bundle-helpers.js';
import { cli } from './cli.js';

describe('osq-triage verify and report on a bundle written by run', () => {
  let scratch: string;
  let out: string;

  beforeAll(async () => {
    requireBuiltCli();
    scratch = await mkdtemp(join(tmpdir(), 'osq-verify-'));
    out = join(scratch, 'bundle');
    const run = await cli(['run', join(REPORT_GUIDE, 'alert.json'), '--guides', REPORT_GUIDE, '--engine', 'builtin', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('verifies the bundle run wrote, as sha256sum -c does', async () => {
    const verified = await cli(['verify', out]);
    expect(verified.stdout).toMatch(/^OK .*audit chain intact \(\d+ events, head [0-9a-f]{64}\); 10 files match SHA256SUMS$/);
    expect(verified.exitCode).toBe(0);
    expect(sha256sumCheck(out).status).toBe(0);
  });

  it('re-renders the reports in Chinese from the bundle; the new export verifies', async () => {
    const rendered = await cli(['report', out, '--format', 'md', '--lang', 'zh-CN']);
    expect(rendered.stderr).toBe('');
    expect(rendered.exitCode).toBe(0);
    expect(rendered.stdout).toContain(join(out, 'report.md'));
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md).toContain('# 研判报告');
    expect(md).toContain('该账户的 uid 为 0。');
    const audit = (await readFile(join(out, 'audit.jsonl'), 'utf8')).trimEnd().split('\n');
    const exports = audit.map((l) => JSON.parse(l) as { type: string }).filter((e) => e.type === 'exported');
    expect(exports).toHaveLength(2);
    expect((await cli(['verify', out])).exitCode).toBe(0);
    expect(sha256sumCheck(out).status).toBe(0);
  });

  it('exits 1 naming the file that changed', async () => {
    const copy = join(scratch, 'tampered');
    await mkdir(copy);
    await cliCopy(out, copy);
    const file = join(copy, 'results/03-e2e-user.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"root"', '"r00t"'));
    const verified = await cli(['verify', copy]);
    expect(verified.exitCode).toBe(1);
    expect(verified.stdout.split('\n')[0]).toBe('BROKEN results/03-e2e-user.json: results/03-e2e-user.json does not match SHA256SUMS (changed after export)');
    // Re-rendering would bless the change with fresh sums: report and resume refuse, and leave the bundle as it was.
    const sums = await readFile(join(copy, 'SHA256SUMS'), 'utf8');
    for (const command of ['report', 'resume']) {
      const refused = await cli([command, copy]);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain('fails verification at results/03-e2e-user.json');
    }
    expect(await readFile(join(copy, 'SHA256SUMS'), 'utf8')).toBe(sums);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await cli(['verify'])).exitCode).toBe(2);
    expect((await cli(['verify', join(scratch, 'nope')])).exitCode).toBe(2);
    expect((await cli(['verify', scratch])).exitCode).toBe(2);
    expect((await cli(['report', out, '--format', 'pdf'])).exitCode).toBe(2);
    expect((await cli(['resume', scratch])).exitCode).toBe(2);
  });
});

/** Copy a bundle with the system's cp (not our code). */
async function cliCopy(from: string, to: string): Promise<void> {
  const { execa } = await import('execa');
  await execa('cp', ['-a', `${from}/.`, to]);
}
