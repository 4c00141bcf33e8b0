import fc from 'fast-check';

import { CalendarDateError } from './calendar-date';
import { InstallmentError, splitInstallments } from './installments';
import { MoneyError } from './money';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const one = (amount: number) => [{ invoiceId: 'A', amount }];
const amounts = (plan: ReturnType<typeof splitInstallments>) =>
  plan.map((i) => i.allocations.map((a) => a.amount));

describe('splitInstallments', () => {
  it('gives the remainder cents to the earlier installments', () => {
    expect(splitInstallments(one(100), 3, '2025-01-10', 'week')).toEqual([
      { scheduledFor: '2025-01-10', allocations: [{ invoiceId: 'A', amount: 34 }] },
      { scheduledFor: '2025-01-17', allocations: [{ invoiceId: 'A', amount: 33 }] },
      { scheduledFor: '2025-01-24', allocations: [{ invoiceId: 'A', amount: 33 }] },
    ]);
  });

  it('rotates leftover cents across invoices so installment totals stay within a cent', () => {
    const plan = splitInstallments(
      [
        { invoiceId: 'A', amount: 100 },
        { invoiceId: 'B', amount: 100 },
        { invoiceId: 'C', amount: 100 },
      ],
      3,
      '2025-01-10',
      'month',
    );
    expect(amounts(plan)).toEqual([
      [34, 33, 33],
      [33, 34, 33],
      [33, 33, 34],
    ]);
  });

  it('anchors monthly dates on the first date and clamps to short months', () => {
    const dates = (first: string) =>
      splitInstallments(one(1000), 5, first, 'month').map((i) => i.scheduledFor);
    expect(dates('2025-01-31')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
    ]);
    expect(dates('2023-12-31').slice(0, 3)).toEqual(['2023-12-31', '2024-01-31', '2024-02-29']);
  });

  it('drops zero rows: an invoice of fewer cents than installments is in only some', () => {
    const plan = splitInstallments(
      [
        { invoiceId: 'A', amount: 2 },
        { invoiceId: 'B', amount: 0 },
        { invoiceId: 'C', amount: 30 },
      ],
      3,
      '2025-01-10',
      'week',
    );
    expect(plan.map((i) => i.allocations)).toEqual([
      [
        { invoiceId: 'A', amount: 1 },
        { invoiceId: 'C', amount: 10 },
      ],
      [
        { invoiceId: 'A', amount: 1 },
        { invoiceId: 'C', amount: 10 },
      ],
      [{ invoiceId: 'C', amount: 10 }],
    ]);
  });

  it('refuses a total too small for every installment to charge something', () => {
    expect(thrown(() => splitInstallments(one(2), 3, '2025-01-10', 'week'))).toMatchObject({
      code: 'zero_installment',
    });
    expect(thrown(() => splitInstallments([], 2, '2025-01-10', 'week'))).toMatchObject({
      code: 'zero_installment',
    });
    expect(splitInstallments(one(3), 3, '2025-01-10', 'week')).toHaveLength(3);
  });

  it.each([1, 25, 2.5, NaN])('refuses %p installments', (count) => {
    expect(thrown(() => splitInstallments(one(1000), count, '2025-01-10', 'week'))).toMatchObject({
      code: 'invalid_count',
    });
  });

  it('refuses bad input', () => {
    const split =
      (
        allocations: { invoiceId: string; amount: number }[],
        first = '2025-01-10',
        interval = 'week',
      ) =>
      () =>
        splitInstallments(allocations, 2, first, interval as 'week');
    expect(split(one(100), '2025-01-10', 'day')).toThrow(
      expect.objectContaining({ code: 'invalid_interval' }),
    );
    expect(split(one(100), '2025-02-30')).toThrow(CalendarDateError);
    expect(split([...one(100), ...one(5)])).toThrow(
      expect.objectContaining({ code: 'duplicate_invoice' }),
    );
    expect(split(one(-1))).toThrow(MoneyError);
    expect(split(one(1.5))).toThrow(MoneyError);
    expect(split(one(100))).not.toThrow(InstallmentError);
  });

  it('sums exactly per invoice, balances installments, and has rising dates (property)', () => {
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const input = fc.record({
      allocations: fc.uniqueArray(
        fc.record({
          invoiceId: fc.string({ minLength: 1, maxLength: 3 }),
          amount: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1e12 })),
        }),
        { selector: (a) => a.invoiceId, minLength: 1, maxLength: 6 },
      ),
      count: fc.integer({ min: 2, max: 24 }),
      first: date,
      interval: fc.constantFrom('week' as const, 'month' as const),
    });
    fc.assert(
      fc.property(input, ({ allocations, count, first, interval }) => {
        const total = allocations.reduce((s, a) => s + a.amount, 0);
        if (total < count) {
          expect(() => splitInstallments(allocations, count, first, interval)).toThrow(
            InstallmentError,
          );
          return;
        }
        const plan = splitInstallments(allocations, count, first, interval);
        expect(plan).toHaveLength(count);
        expect(plan[0].scheduledFor).toBe(first);
        for (let i = 1; i < count; i++) {
          expect(plan[i].scheduledFor > plan[i - 1].scheduledFor).toBe(true);
        }
        for (const { invoiceId, amount } of allocations) {
          const parts = plan.map(
            (i) => i.allocations.find((a) => a.invoiceId === invoiceId)?.amount ?? 0,
          );
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          for (const p of parts) expect(Math.abs(p * count - amount)).toBeLessThan(count);
        }
        const totals = plan.map((i) => i.allocations.reduce((s, a) => s + a.amount, 0));
        for (let i = 1; i < count; i++) {
          // Non-increasing and within a cent of each other.
          expect(totals[i - 1] - totals[i]).toBeGreaterThanOrEqual(0);
          expect(totals[0] - totals[i]).toBeLessThanOrEqual(1);
        }
        for (const installment of plan) {
          expect(installment.allocations.every((a) => a.amount > 0)).toBe(true);
          expect(totals.every((t) => t > 0)).toBe(true);
        }
      }),
    );
  });
});
