import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadRunRows } from '../src/report/load.js';
import { REPORT_FILES, type ReportFormat } from '../src/report/sums.js';
import type { BenchGroup } from './harness.js';
import { bundleWithRows, exportOnly } from './report-fixture.js';

const ROWS = 100_000;
const run = promisify(execFile);
const CASES: [string, ReportFormat[]][] = [
  ['report.md', ['md']],
  ['report.html', ['html']],
  ['report.json', ['json']],
  ['all three', ['md', 'html', 'json']],
];

/**
 * Exporting one 100k-row result: time per format (render, atomic write, export event, SHA256SUMS over the bundle),
 * against reading the rows back; file sizes and each export's peak memory, measured once in a fresh process.
 */
export async function benchGroups(): Promise<BenchGroup[]> {
  const bundle = await bundleWithRows(ROWS);
  process.once('exit', () => rmSync(join(bundle.dir, '..'), { recursive: true, force: true }));
  const resultFile = bundle.store.session.queries[0]?.runs[0]?.resultFile ?? '';
  const lines = [`## export a ${ROWS.toLocaleString('en')}-row result: sizes and peak memory (fresh process each)`, 'case         file bytes   export ms   peak RSS MiB'];
  lines.push(`results/     ${String((await stat(join(bundle.dir, resultFile))).size).padStart(10)}`);
  for (const [name, formats] of CASES) {
    const child = await run(process.execPath, [join(import.meta.dirname, 'report-child.js'), bundle.dir, formats.join(',')], { maxBuffer: 1024 * 1024 });
    const measured = JSON.parse(child.stdout) as { ms: number; peakRssMiB: number };
    const bytes = formats.length === 1 ? (await stat(join(bundle.dir, REPORT_FILES[formats[0] as ReportFormat]))).size : await totalSize(bundle.dir);
    lines.push(`${name.padEnd(12)} ${String(bytes).padStart(10)}   ${String(measured.ms).padStart(9)}   ${String(measured.peakRssMiB).padStart(12)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return [
    {
      name: `export a ${ROWS.toLocaleString('en')}-row result (in process)`,
      runs: 5,
      cases: [
        { name: 'read the rows back (results/ JSON)', baseline: true, run: () => loadRunRows(bundle.dir, bundle.store.session) },
        ...CASES.map(([name, formats]) => ({ name: `export ${name}`, run: () => exportOnly(bundle.store, formats) })),
      ],
    },
  ];
}

async function totalSize(dir: string): Promise<number> {
  let total = 0;
  for (const file of Object.values(REPORT_FILES)) total += (await stat(join(dir, file))).size;
  return total;
}
