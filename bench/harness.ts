/**
 * A small benchmark harness: each group times its cases N times (after a warm-up run, in interleaved rounds) and
 * prints one table, median milliseconds and the ratio to the group's baseline case.
 */

export interface BenchCase {
  name: string;
  run: () => Promise<unknown> | unknown;
  /** The case the others are compared with (at most one per group). */
  baseline?: boolean;
  /** Untimed runs before the first round (default 1); more for code a worker thread compiles on its own. */
  warmup?: number;
}

export interface BenchGroup {
  name: string;
  cases: BenchCase[];
  /** Timed runs per case (default: BENCH_RUNS or 10). */
  runs?: number;
}

/** What a bench module exports; bench/run.ts runs every group of every listed module. */
export type BenchModule = { benchGroups(): Promise<BenchGroup[]> };

export interface CaseResult {
  name: string;
  medianMs: number;
  baseline: boolean;
  error?: string;
}

export function defaultRuns(): number {
  const n = Number(process.env.BENCH_RUNS);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/**
 * Warm-up runs of every case, then `runs` rounds that each time every case once, in order. Rounds rather than
 * case after case: load that comes and goes on a shared machine then falls on every case alike, so the ratios to
 * the baseline stay fair. A case that fails is left out of later rounds and reported with its error.
 */
export async function runGroup(group: BenchGroup): Promise<CaseResult[]> {
  const runs = group.runs ?? defaultRuns();
  const states = group.cases.map((c) => ({ c, times: [] as number[], error: undefined as string | undefined }));
  const timeOnce = async (state: (typeof states)[number]): Promise<number | null> => {
    try {
      const start = performance.now();
      await state.c.run();
      return performance.now() - start;
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
      return null;
    }
  };
  for (const state of states) {
    for (let i = 0; i < (state.c.warmup ?? 1) && state.error === undefined; i++) await timeOnce(state);
  }
  for (let round = 0; round < runs; round++) {
    for (const state of states) {
      if (state.error !== undefined) continue;
      const ms = await timeOnce(state);
      if (ms !== null) state.times.push(ms);
    }
  }
  return states.map(({ c, times, error }) => ({
    name: c.name,
    medianMs: error === undefined ? median(times) : Number.NaN,
    baseline: c.baseline === true,
    ...(error === undefined ? {} : { error }),
  }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function formatGroup(name: string, results: readonly CaseResult[], runs: number): string {
  const base = results.find((r) => r.baseline);
  const rows = results.map((r) => [
    r.name + (r.baseline ? ' (baseline)' : ''),
    r.error ? 'failed' : r.medianMs.toFixed(1),
    r.error ? r.error : base && !base.error && base.medianMs > 0 ? `${(r.medianMs / base.medianMs).toFixed(2)}x` : '',
  ]);
  const header = ['case', `median ms (n=${runs})`, 'vs baseline'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [`## ${name}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''].join('\n');
}
