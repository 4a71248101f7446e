/** Runs every group of every bench module listed here (`npm run bench`) and prints one table per group. */
import { defaultRuns, formatGroup, runGroup, type BenchModule } from './harness.js';

/** Bench modules: add one line per new bench file. */
const MODULES: Record<string, () => Promise<BenchModule>> = {
  builtin: () => import('./builtin.js'),
  guide: () => import('./guide.js'),
  import: () => import('./import.js'),
  report: () => import('./report.js'),
  tui: () => import('./tui.js'),
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [name, load] of Object.entries(MODULES)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const groups = await (await load()).benchGroups();
    for (const group of groups) {
      process.stdout.write(`${formatGroup(group.name, await runGroup(group), group.runs ?? defaultRuns())}\n`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
