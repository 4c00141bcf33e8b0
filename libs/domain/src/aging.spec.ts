import fc from 'fast-check';

import { AGING_BUCKETS, agingBucket, agingBuckets } from './aging';
import { CalendarDateError } from './calendar-date';
import { MoneyError } from './money';

const today = '2025-06-30';

/** The calendar date `days` days before `today`. */
function daysAgo(days: number): string {
  const d = new Date(Date.UTC(2025, 5, 30 - days));
  return d.toISOString().slice(0, 10);
}

describe('agingBucket', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, 'days1to30'],
    [30, 'days1to30'],
    [31, 'days31to60'],
    [60, 'days31to60'],
    [61, 'days61to90'],
    [90, 'days61to90'],
    [91, 'days90plus'],
    [4000, 'days90plus'],
  ])('puts %i days past due in %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it('rejects a fractional number of days', () => {
    expect(() => agingBucket(1.5)).toThrow(RangeError);
  });
});

describe('agingBuckets', () => {
  it.each([
    [0, 'current'],
    [1, 'days1to30'],
    [30, 'days1to30'],
    [31, 'days31to60'],
    [60, 'days31to60'],
    [61, 'days61to90'],
    [90, 'days61to90'],
    [91, 'days90plus'],
  ] as const)('counts an invoice due %i days ago as %s', (days, bucket) => {
    const buckets = agingBuckets([{ dueDate: daysAgo(days), openBalance: 1234 }], today);
    expect(buckets[bucket]).toBe(1234);
    expect(buckets.total).toBe(1234);
  });

  it('sums several invoices per bucket and counts future due dates as current', () => {
    expect(
      agingBuckets(
        [
          { dueDate: '2025-07-15', openBalance: 100 },
          { dueDate: '2025-06-30', openBalance: 200 },
          { dueDate: '2025-06-29', openBalance: 300 },
          { dueDate: '2025-05-31', openBalance: 400 },
          { dueDate: '2024-01-01', openBalance: 500 },
        ],
        today,
      ),
    ).toEqual({
      current: 300,
      days1to30: 700,
      days31to60: 0,
      days61to90: 0,
      days90plus: 500,
      total: 1500,
    });
  });

  it('ignores paid invoices and returns zeros for none', () => {
    const zeros = {
      current: 0,
      days1to30: 0,
      days31to60: 0,
      days61to90: 0,
      days90plus: 0,
      total: 0,
    };
    expect(agingBuckets([], today)).toEqual(zeros);
    expect(agingBuckets([{ dueDate: '2020-01-01', openBalance: 0 }], today)).toEqual(zeros);
  });

  it('rejects negative or fractional balances and malformed dates', () => {
    expect(() => agingBuckets([{ dueDate: today, openBalance: -1 }], today)).toThrow(MoneyError);
    expect(() => agingBuckets([{ dueDate: today, openBalance: 0.5 }], today)).toThrow(MoneyError);
    expect(() => agingBuckets([{ dueDate: '2025-6-1', openBalance: 1 }], today)).toThrow(
      CalendarDateError,
    );
  });

  it('buckets always sum to the total, which is the sum of open balances (property)', () => {
    const invoice = fc.record({
      dueDate: fc.integer({ min: -40, max: 400 }).map(daysAgo),
      openBalance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e10 })),
    });
    fc.assert(
      fc.property(fc.array(invoice, { maxLength: 30 }), (list) => {
        const buckets = agingBuckets(list, today);
        const bucketSum = AGING_BUCKETS.reduce((s, b) => s + buckets[b], 0);
        expect(bucketSum).toBe(buckets.total);
        expect(buckets.total).toBe(list.reduce((s, i) => s + i.openBalance, 0));
        for (const b of AGING_BUCKETS) expect(Number.isSafeInteger(buckets[b])).toBe(true);
      }),
    );
  });
});
