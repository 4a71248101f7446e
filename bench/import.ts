import { execFile } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { collectSources, writeImport } from '../src/guide/import/files.js';
import { importRules } from '../src/guide/import/import.js';
import { writeGuideIndex } from '../src/guide/index-build.js';
import type { Guide } from '../src/guide/model.js';
import { packageRoot } from '../src/guide/paths.js';
import type { BenchGroup } from './harness.js';


const CORPUS = process.env.OSQ_ELASTIC_RULES ?? '/work/shared/data/elastic-detection-rules';
const LIBRARY_SIZE = 2000;
const run = promisify(execFile);

/**
 * Importing Elastic's whole rule corpus (goal: <= 10 s), and resolving one alert's guide among ~2,000 through the
 * built CLI, process start included (goal: <= 200 ms): with the guide index `guides import` writes, and without one
 * (a directory of hand-copied guides). Both need the corpus; without it there is nothing to measure.
 */
export async function benchGroups(): Promise<BenchGroup[]> {
  if (!existsSync(join(CORPUS, 'rules'))) {
    process.stderr.write(`bench/import: ${CORPUS} is absent; import benchmarks skipped\n`);
    return [];
  }
  const dirs = [join(CORPUS, 'rules'), join(CORPUS, 'rules_building_block')];
  const work = await mkdtemp(join(tmpdir(), 'osq-bench-import-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const library = await buildLibrary(work, dirs);
  let n = 0;
  const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  const show = (wanted: string, dir: string) => () => run(process.execPath, [cli, 'guides', 'show', wanted, '--guides', dir]);
  const triage = (dir: string) => () =>
    run(process.execPath, [cli, 'run', '--rule', library.trivialId, '--guides', dir, '--set', 'user.name=root', '--engine', 'builtin', '--out', join(work, `run-${n++}`)]);

  return [
    {
      name: 'import the Elastic corpus (2,192 rule files; goal <= 10 s)',
      runs: 5,
      cases: [
        { name: 'read every rule file', baseline: true, run: () => collectSources(dirs) },
        {
          name: 'read, import and write guides + queries',
          run: async () => {
            const { sources } = await collectSources(dirs);
            await writeImport(importRules(sources), join(work, `import-${n++}`));
          },
        },
        {
          name: 'read, import, write, then write the guide index (as guides import does)',
          run: async () => {
            const { sources } = await collectSources(dirs);
            const to = join(work, `import-${n++}`);
            await writeImport(importRules(sources), to);
            await writeGuideIndex(to);
          },
        },
      ],
    },
    {
      name: `guides show <rule_id> among ${LIBRARY_SIZE} guides, built CLI with process start (goal <= 200 ms)`,
      cases: [
        { name: 'node start (node -e "")', baseline: true, run: () => run(process.execPath, ['-e', '']) },
        { name: 'guides show <rule_id> --guides DIR (indexed)', run: show(library.ruleId, library.dir) },
        { name: 'guides show <rule name> --guides DIR (indexed)', run: show(library.ruleName, library.dir) },
        { name: 'guides show <rule_id> --guides DIR (no index: file heads)', run: show(library.ruleId, library.plain) },
        { name: 'guides show <rule name> --guides DIR (no index: file heads)', run: show(library.ruleName, library.plain) },
      ],
    },
    {
      name: `run --rule <id> on a guide without queries among ${LIBRARY_SIZE + 1} guides: the whole run, built CLI (builtin engine)`,
      cases: [
        { name: 'node start (node -e "")', baseline: true, run: () => run(process.execPath, ['-e', '']) },
        { name: 'run, --guides DIR holding that guide alone', run: triage(library.alone) },
        { name: 'run, --guides DIR (indexed)', run: triage(library.dir) },
        { name: 'run, --guides DIR (no index: file heads)', run: triage(library.plain) },
      ],
    },
  ];
}

interface BenchLibrary {
  /** The library, indexed as `guides import` leaves it. */
  dir: string;
  /** The same files without an index. */
  plain: string;
  /** A directory holding only the guide without queries. */
  alone: string;
  ruleId: string;
  ruleName: string;
  /** A guide without queries in the middle of the library, for timing a whole run. */
  trivialId: string;
}

/**
 * The corpus import, then copies of its guides under new rule ids and names until the library holds LIBRARY_SIZE
 * guides; the one asked for sits in the middle, beside a guide without queries.
 */
async function buildLibrary(work: string, dirs: string[]): Promise<BenchLibrary> {
  const dir = join(work, 'library');
  const { sources } = await collectSources(dirs);
  const result = importRules(sources);
  await writeImport({ ...result, guides: [] }, dir);
  await mkdir(join(dir, 'guides'), { recursive: true });
  const originals = result.guides.map((g) => g.guide);
  let target: Guide | undefined;
  for (let i = 0; i < LIBRARY_SIZE; i++) {
    const base = originals[i % originals.length] as Guide;
    const copy = Math.floor(i / originals.length);
    const guide: Guide = { ...base, rule_id: `${copy.toString(16).padStart(8, '0')}${base.rule_id.slice(8)}`, name: { en: `${base.name.en ?? ''} #${copy}` } };
    if (i === LIBRARY_SIZE / 2) target = guide;
    await writeFile(join(dir, 'guides', `${String(i).padStart(4, '0')}.yaml`), stringify(guide, { lineWidth: 0 }));
  }
  if (!target) throw new Error('bench/import: empty library');
  const trivial: Guide = {
    ...target,
    rule_id: 'b0000000-0000-4000-8000-000000000001',
    name: { en: 'Bench Guide Without Queries' },
    steps: [{ text: { en: 'Read the alert.' }, queries: [], steps: [] }],
  };
  const trivialYaml = stringify(trivial, { lineWidth: 0 });
  await writeFile(join(dir, 'guides', `${String(LIBRARY_SIZE / 2).padStart(4, '0')}-trivial.yaml`), trivialYaml);
  const alone = join(work, 'alone');
  await mkdir(alone, { recursive: true });
  await writeFile(join(alone, 'trivial.yaml'), trivialYaml);
  const plain = join(work, 'plain');
  cpSync(dir, plain, { recursive: true });
  const indexed = await writeGuideIndex(dir);
  if (!indexed.ok) throw new Error(`bench/import: ${indexed.message}`);
  return { dir, plain, alone, ruleId: target.rule_id, ruleName: target.name.en ?? '', trivialId: trivial.rule_id };
}
