import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guideDirLayout, loadLibrary } from '../../src/guide/load.js';
import { findPackageRoot, packageRoot, shippedGuideDir, shippedGuidesPath, shippedQueriesPath } from '../../src/guide/paths.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'osq-triage-load-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const QUERY = (id: string, title: string): string => `/*
id: ${id}
title: { en: ${title} }
tables: [users]
flags:
  - { when: "uid = '0'", severity: low, reason: { en: root } }
*/
SELECT username, uid FROM users;
`;

const GUIDE = (ruleId: string, query: string): string => `rule_id: ${ruleId}
name: { en: Guide ${ruleId} }
languages: [en]
severity: low
risk_score: 1
summary: { en: s }
steps:
  - text: { en: t }
    queries: [${query}]
`;

describe('paths', () => {
  it('finds the package root from this module, whose package.json names osq-triage', () => {
    const root = packageRoot();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('osq-triage');
    expect(findPackageRoot(dirname(fileURLToPath(import.meta.url)))).toBe(root);
    // the built CLI runs from dist/src/guide
    expect(findPackageRoot(join(root, 'dist', 'src', 'guide'))).toBe(root);
    expect(shippedGuideDir()).toBe(root);
    expect(readdirSync(shippedGuidesPath()).filter((f) => f.endsWith('.yaml')).length).toBe(5);
    expect(readdirSync(shippedQueriesPath()).some((f) => f.endsWith('.sql'))).toBe(true);
  });

  it('finds no package root outside the package', () => {
    expect(findPackageRoot(work)).toBeUndefined();
  });
});

describe('loadLibrary', () => {
  it('loads the shipped directory, hashing each guide file as sha256sum does', async () => {
    const lib = await loadLibrary([shippedGuideDir()]);
    expect(lib.problems).toEqual([]);
    expect(lib.guides).toHaveLength(5);
    for (const g of lib.guides) {
      const [expected] = execFileSync('sha256sum', [g.file], { encoding: 'utf8' }).split(' ');
      expect(g.sha256).toBe(expected);
      expect(g.source).toBe('shipped');
    }
  });

  it('accepts a guides/ folder itself and finds the sibling queries/', async () => {
    const lib = await loadLibrary([shippedGuidesPath()]);
    expect(lib.problems).toEqual([]);
    expect(lib.guides).toHaveLength(5);
    expect(lib.queries.size).toBe(readdirSync(shippedQueriesPath()).filter((f) => f.endsWith('.sql')).length);
  });

  it('accepts guide YAMLs directly in a directory with its own queries/', async () => {
    const dir = join(work, 'flat');
    mkdirSync(join(dir, 'queries'), { recursive: true });
    writeFileSync(join(dir, 'one.yml'), GUIDE('flat-1', 'flat-q'));
    writeFileSync(join(dir, 'queries', 'flat-q.sql'), QUERY('flat-q', 'Flat'));
    writeFileSync(join(dir, 'notes.txt'), 'not a guide');
    expect(await guideDirLayout(dir)).toEqual({ guidesDir: dir, queriesDir: join(dir, 'queries') });
    const lib = await loadLibrary([dir]);
    expect(lib.problems).toEqual([]);
    expect(lib.guides.map((g) => [g.guide.rule_id, g.source])).toEqual([['flat-1', dir]]);
    expect([...lib.queries.keys()]).toEqual(['flat-q']);
  });

  it('lets earlier directories win for a query id and keeps every file it read', async () => {
    const first = join(work, 'first');
    const second = join(work, 'second');
    for (const [dir, title] of [[first, 'First'], [second, 'Second']] as const) {
      mkdirSync(join(dir, 'guides'), { recursive: true });
      mkdirSync(join(dir, 'queries'), { recursive: true });
      writeFileSync(join(dir, 'queries', 'shared-q.sql'), QUERY('shared-q', title));
    }
    writeFileSync(join(second, 'guides', 'g.yaml'), GUIDE('second-1', 'shared-q'));
    const lib = await loadLibrary([first, second]);
    expect(lib.queries.get('shared-q')?.title.en).toBe('First');
    expect(lib.queryFiles.map((q) => [q.query.title.en, q.source])).toEqual([['First', first], ['Second', second]]);
    expect(lib.guides.map((g) => g.guide.rule_id)).toEqual(['second-1']);
  });

  it('reports unreadable and malformed input as problems, never throws', async () => {
    const dir = join(work, 'broken');
    mkdirSync(join(dir, 'guides'), { recursive: true });
    mkdirSync(join(dir, 'queries'), { recursive: true });
    writeFileSync(join(dir, 'guides', 'bad.yaml'), ':\n  - [');
    writeFileSync(join(dir, 'guides', 'empty.yaml'), '');
    writeFileSync(join(dir, 'guides', 'good.yaml'), GUIDE('good-1', 'q'));
    writeFileSync(join(dir, 'queries', 'q.sql'), '/*\nid: BAD ID\n*/\nSELECT 1;');
    const lib = await loadLibrary([dir, join(work, 'does-not-exist')]);
    expect(lib.guides.map((g) => g.guide.rule_id)).toEqual(['good-1']);
    const byFile = lib.problems.map((p) => `${p.file.slice(work.length)}: ${p.message}`);
    expect(byFile.some((l) => l.startsWith('/broken/guides/bad.yaml: not valid YAML'))).toBe(true);
    expect(byFile.some((l) => l.startsWith('/broken/guides/empty.yaml: guide: '))).toBe(true);
    expect(byFile.some((l) => l.startsWith('/broken/queries/q.sql: id: query id'))).toBe(true);
    expect(byFile).toContain('/does-not-exist: guide directory does not exist or is not a directory');
  });

  it('copies of the shipped tree load as a plain directory, not as shipped', async () => {
    const copy = join(work, 'copy');
    cpSync(shippedGuidesPath(), join(copy, 'guides'), { recursive: true });
    cpSync(shippedQueriesPath(), join(copy, 'queries'), { recursive: true });
    const lib = await loadLibrary([copy]);
    expect(lib.problems).toEqual([]);
    expect(new Set(lib.guides.map((g) => g.source))).toEqual(new Set([copy]));
  });
});
