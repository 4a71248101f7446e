/**
 * One export in a fresh process, so its peak memory is the export's own (what `osq-triage report DIR` costs):
 * node bench/report-child.js DIR md,html,json  ->  one JSON line {ms, rssMiB, peakRssMiB}.
 */
import { parseFormats } from '../src/report/bundle.js';
import { SessionStore } from '../src/triage/store.js';
import { exportOnly } from './report-fixture.js';

const [dir, list] = process.argv.slice(2);
const formats = parseFormats(list ?? '');
if (dir === undefined || !formats.ok) {
  process.stderr.write('usage: report-child.js DIR md,html,json\n');
  process.exit(2);
}
const store = await SessionStore.open(dir);
const began = performance.now();
await exportOnly(store, formats.formats);
const ms = Math.round(performance.now() - began);
const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);
process.stdout.write(`${JSON.stringify({ ms, rssMiB: mib(process.memoryUsage().rss), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
