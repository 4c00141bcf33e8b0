import { describe, expect, it } from 'vitest';

import { runPool } from './run-pool';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runPool', () => {
  it('never has more than the limit in flight, and settles every item', async () => {
    let inFlight = 0;
    let most = 0;
    const settled = await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(most).toBe(3);
    expect(settled).toHaveLength(7);
    expect(settled.filter((s) => s.result.status === 'rejected').map((s) => s.item)).toEqual([4]);
    expect(
      settled
        .flatMap((s) => (s.result.status === 'fulfilled' ? [s.result.value] : []))
        .sort((a, b) => a - b),
    ).toEqual([10, 20, 30, 50, 60, 70]);
  });

  it('starts nothing more once stopped', async () => {
    const started: number[] = [];
    let stop = false;
    const settled = await runPool(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n);
        if (n === 2) stop = true;
        await tick();
        return n;
      },
      () => stop,
    );
    expect(started).toEqual([1, 2]);
    expect(settled.map((s) => s.item).sort()).toEqual([1, 2]);
  });

  it('does nothing for no items', async () => {
    expect(await runPool([], 3, async () => 1)).toEqual([]);
  });
});
