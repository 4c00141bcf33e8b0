/**
 * Runs `task` over `items` with at most `limit` in flight, in order of start, and settles every
 * one (a failure does not stop the others). `stopped()` is asked before each start: once true,
 * the items not started yet are left out of the result.
 */
export async function runPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  stopped: () => boolean = () => false,
): Promise<{ item: T; result: PromiseSettledResult<R> }[]> {
  const settled: { item: T; result: PromiseSettledResult<R> }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopped()) {
      const item = items[next++]!;
      try {
        settled.push({ item, result: { status: 'fulfilled', value: await task(item) } });
      } catch (reason) {
        settled.push({ item, result: { status: 'rejected', reason } });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return settled;
}
