/** How many filesystem calls a table keeps in flight: enough to hide latency, few enough to stay polite. */
export const BATCH = 64;

/** `fn` over every item, `size` at a time, results in input order. */
export async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = BATCH): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
