import fc from 'fast-check';

import { MoneyError } from './money';
import { allocateRefund, RefundError } from './refund-allocation';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const a = (invoiceId: string, amount: number, amountRefunded = 0) => ({
  invoiceId,
  amount,
  amountRefunded,
});

describe('allocateRefund', () => {
  const allocations = [a('OLD', 5000), a('MID', 3000), a('NEW', 2000)];

  it('gives back to the last allocation first', () => {
    expect(allocateRefund(allocations, 1500)).toEqual([{ invoiceId: 'NEW', amount: 1500 }]);
    expect(allocateRefund(allocations, 4000)).toEqual([
      { invoiceId: 'MID', amount: 2000 },
      { invoiceId: 'NEW', amount: 2000 },
    ]);
  });

  it('skips what is already refunded', () => {
    const partly = [a('OLD', 5000), a('MID', 3000, 1000), a('NEW', 2000, 2000)];
    expect(allocateRefund(partly, 2500)).toEqual([
      { invoiceId: 'OLD', amount: 500 },
      { invoiceId: 'MID', amount: 2000 },
    ]);
  });

  it('refunds everything that is left', () => {
    expect(allocateRefund(allocations, 10000)).toEqual([
      { invoiceId: 'OLD', amount: 5000 },
      { invoiceId: 'MID', amount: 3000 },
      { invoiceId: 'NEW', amount: 2000 },
    ]);
  });

  it('refuses more than is refundable, or nothing', () => {
    const error = thrown(() => allocateRefund([a('X', 100, 40)], 61));
    expect(error).toBeInstanceOf(RefundError);
    expect(error).toMatchObject({ code: 'over_refundable', refundable: 60 });
    expect(thrown(() => allocateRefund(allocations, 0))).toMatchObject({ code: 'over_refundable' });
    expect(thrown(() => allocateRefund(allocations, -5))).toMatchObject({
      code: 'over_refundable',
    });
    expect(thrown(() => allocateRefund([], 1))).toMatchObject({ code: 'over_refundable' });
    expect(() => allocateRefund(allocations, 1.5)).toThrow(MoneyError);
  });

  it('refuses inconsistent allocations', () => {
    expect(thrown(() => allocateRefund([a('X', 100, 101)], 1))).toMatchObject({
      code: 'over_refunded_allocation',
    });
    expect(thrown(() => allocateRefund([a('X', 100), a('X', 100)], 1))).toMatchObject({
      code: 'duplicate_invoice',
    });
    expect(() => allocateRefund([a('X', -100)], 1)).toThrow(MoneyError);
  });

  it('sums to the refund, stays within each allocation, and empties later ones first (property)', () => {
    const input = fc
      .uniqueArray(
        fc
          .record({
            invoiceId: fc.string({ minLength: 1, maxLength: 3 }),
            amount: fc.integer({ min: 0, max: 1e9 }),
            r: fc.double({ min: 0, max: 1, noNaN: true }),
          })
          .map(({ invoiceId, amount, r }) => a(invoiceId, amount, Math.floor(amount * r))),
        { selector: (x) => x.invoiceId, maxLength: 6 },
      )
      .filter((list) => list.some((x) => x.amount > x.amountRefunded))
      .chain((list) => {
        const refundable = list.reduce((s, x) => s + x.amount - x.amountRefunded, 0);
        return fc.tuple(
          fc.constant(list),
          fc.integer({ min: 1, max: refundable }),
          fc.constant(refundable),
        );
      });
    fc.assert(
      fc.property(input, ([list, amount, refundable]) => {
        const parts = allocateRefund(list, amount);
        expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
        const order = list.map((x) => x.invoiceId);
        const index = parts.map((p) => order.indexOf(p.invoiceId));
        expect(index).toEqual([...index].sort((x, y) => x - y));
        for (const p of parts) {
          const x = list.find((y) => y.invoiceId === p.invoiceId)!;
          expect(p.amount).toBeGreaterThan(0);
          expect(p.amount).toBeLessThanOrEqual(x.amount - x.amountRefunded);
        }
        // Every allocation after the first one touched is emptied.
        if (parts.length > 0) {
          for (const x of list.slice(index[0] + 1)) {
            const got = parts.find((p) => p.invoiceId === x.invoiceId)?.amount ?? 0;
            expect(got).toBe(x.amount - x.amountRefunded);
          }
        }
        expect(thrown(() => allocateRefund(list, refundable + 1))).toMatchObject({
          code: 'over_refundable',
        });
      }),
    );
  });
});
