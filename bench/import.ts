import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { collectSources, writeImport } from '../src/guide/import/files.js';
import { importRules } from '../src/guide/import/import.js';
import type { Guide } from '../src/guide/model.js';
import { packageRoot } from '../src/guide/paths.js';
import type { BenchGroup } from './harness.js';


const CORPUS = process.env.OSQ_ELASTIC_RULES ?? '/work/shared/data/elastic-detection-rules';
const LIBRARY_SIZE = 2000;
const run = promisify(execFile);

/**
 * Importing Elastic's whole rule corpus (goal: <= 10 s), and resolving one alert's guide among ~2,000 through the
 * built CLI, process start included (goal: <= 200 ms). Both need the corpus; without it there is nothing to measure.
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
      ],
    },
    {
      name: `guides show <rule_id> among ${LIBRARY_SIZE} guides, built CLI with process start (goal <= 200 ms)`,
      cases: [
        { name: 'node start (node -e "")', baseline: true, run: () => run(process.execPath, ['-e', '']) },
        { name: 'guides show <rule_id> --guides DIR', run: () => run(process.execPath, [cli, 'guides', 'show', library.ruleId, '--guides', library.dir]) },
        { name: 'guides show <rule name> --guides DIR', run: () => run(process.execPath, [cli, 'guides', 'show', library.ruleName, '--guides', library.dir]) },
      ],
    },
  ];
}

/**
 * The corpus import, then copies of its guides under new rule ids and names until the library holds LIBRARY_SIZE
 * guides; the one asked for sits in the middle.
 */
async function buildLibrary(work: string, dirs: string[]): Promise<{ dir: string; ruleId: string; ruleName: string }> {
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
  return { dir, ruleId: target.rule_id, ruleName: target.name.en ?? '' };
}
