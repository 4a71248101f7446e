/** A whole seed guide on the built-in engine: in process, through the osqueryi shim, and as `osq-triage run`. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readAlertSource } from '../src/alert/source.js';
import { createBuiltinEngine } from '../src/engine/builtin/engine.js';
import { createOsqueryiEngine } from '../src/engine/osqueryi.js';
import type { Engine } from '../src/engine/types.js';
import { loadLibrary } from '../src/guide/load.js';
import { shippedGuideDir } from '../src/guide/paths.js';
import { resolveGuide } from '../src/guide/resolve.js';
import { guideQueryIds, planQuery } from '../src/triage/plan.js';
import type { BenchGroup } from './harness.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const SHIM = join(ROOT, 'test/fixtures/bin/osqueryi');
const ALERT = join(ROOT, 'examples/alerts/kworker-file-creation.json');

/** Every rendered statement of the kworker guide for its example alert. */
async function guideStatements(): Promise<string[]> {
  const read = await readAlertSource(ALERT);
  if (!read.ok) throw new Error(read.error.message);
  const alert = read.alerts[0];
  if (!alert) throw new Error('no alert');
  const lib = await loadLibrary([shippedGuideDir()]);
  const found = resolveGuide(lib, alert.rule);
  if (!found.ok) throw new Error(found.message);
  return guideQueryIds(found.guide.guide.steps).flatMap((id) => {
    const query = lib.queries.get(id);
    return query ? planQuery(query, alert.fields).runs.map((r) => r.sql) : [];
  });
}

async function runAll(engine: Engine, statements: string[], concurrency: number): Promise<void> {
  const queue = [...statements];
  const lane = async (): Promise<void> => {
    for (let sql = queue.shift(); sql !== undefined; sql = queue.shift()) {
      const outcome = await engine.run(sql, { timeoutMs: 120_000 });
      if (outcome.status === 'timeout') throw new Error(`timeout: ${sql}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

export async function benchGroups(): Promise<BenchGroup[]> {
  const statements = await guideStatements();
  const builtin = createBuiltinEngine();
  const shim = createOsqueryiEngine(SHIM);
  const scratch = await mkdtemp(join(tmpdir(), 'osq-bench-guide-'));
  let n = 0;
  return [
    {
      name: `whole seed guide (Suspicious File Creation via Kworker, ${statements.length} statements)`,
      runs: 5,
      cases: [
        { name: 'builtin engine, in process (worker thread)', baseline: true, run: () => runAll(builtin, statements, 1) },
        { name: 'osqueryi shim -> osq-triage osqueryi, concurrency 2', run: () => runAll(shim, statements, 2) },
        {
          name: 'osq-triage run (whole CLI: bundle and three reports)',
          run: async () => {
            const out = join(scratch, `run-${n++}`);
            await run(process.execPath, [CLI, 'run', ALERT, '--engine', 'builtin', '--out', out], { maxBuffer: 64 * 1024 * 1024 });
            await rm(out, { recursive: true, force: true });
          },
        },
      ],
    },
  ];
}
