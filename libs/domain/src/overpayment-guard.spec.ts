import fc from 'fast-check';

import { MoneyError } from './money';
import {
  adjustmentsByPayment,
  GuardAdjustment,
  guardOverpayment,
  NewAllocation,
  OverpaymentError,
  TentativeAllocation,
} from './overpayment-guard';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const t = (
  paymentId: string,
  invoiceId: string,
  amount: number,
  runDate: string,
  createdAt = '2025-01-01T00:00:00Z',
): TentativeAllocation => ({ paymentId, invoiceId, amount, runDate, createdAt });

const balances = (entries: Record<string, number>) => new Map(Object.entries(entries));

/** Tentative allocations after applying adjustments. */
function apply(tentative: readonly TentativeAllocation[], adjustments: readonly GuardAdjustment[]) {
  const to = new Map(adjustments.map((a) => [`${a.paymentId}|${a.invoiceId}`, a.toAmount]));
  return tentative.map((a) => ({
    ...a,
    amount: to.get(`${a.paymentId}|${a.invoiceId}`) ?? a.amount,
  }));
}

describe('guardOverpayment', () => {
  const open = balances({ A: 10000 });

  it('changes nothing when everything fits', () => {
    expect(
      guardOverpayment(
        open,
        [{ invoiceId: 'A', amount: 4000 }],
        [t('P1', 'A', 6000, '2025-02-01')],
      ),
    ).toEqual([]);
  });

  it('reduces the latest scheduled payment first, by exactly the excess', () => {
    const tentative = [t('EARLY', 'A', 5000, '2025-02-01'), t('LATE', 'A', 5000, '2025-03-01')];
    expect(guardOverpayment(open, [{ invoiceId: 'A', amount: 2000 }], tentative)).toEqual([
      { paymentId: 'LATE', invoiceId: 'A', fromAmount: 5000, toAmount: 3000 },
    ]);
  });

  it('takes a payment down to 0 and moves on to the next', () => {
    const tentative = [t('EARLY', 'A', 5000, '2025-02-01'), t('LATE', 'A', 5000, '2025-03-01')];
    expect(guardOverpayment(open, [{ invoiceId: 'A', amount: 7000 }], tentative)).toEqual([
      { paymentId: 'LATE', invoiceId: 'A', fromAmount: 5000, toAmount: 0 },
      { paymentId: 'EARLY', invoiceId: 'A', fromAmount: 5000, toAmount: 3000 },
    ]);
  });

  it('breaks a tie on the run date by the latest created, comparing instants not text', () => {
    const tentative = [
      t('OLDER', 'A', 5000, '2025-02-01', '2025-01-01T12:00:00.500Z'),
      // 13:00 UTC: earlier than the other as text, later as an instant.
      t('NEWER', 'A', 5000, '2025-02-01', '2025-01-01T08:00:00-05:00'),
    ];
    expect(guardOverpayment(open, [{ invoiceId: 'A', amount: 1 }], tentative)).toEqual([
      { paymentId: 'NEWER', invoiceId: 'A', fromAmount: 5000, toAmount: 4999 },
    ]);
  });

  it('sums several new allocations to one invoice', () => {
    const tentative = [t('P1', 'A', 5000, '2025-02-01')];
    const fresh = [
      { invoiceId: 'A', amount: 3000 },
      { invoiceId: 'A', amount: 3000 },
    ];
    expect(guardOverpayment(open, fresh, tentative)).toEqual([
      { paymentId: 'P1', invoiceId: 'A', fromAmount: 5000, toAmount: 4000 },
    ]);
    expect(
      thrown(() => guardOverpayment(open, [...fresh, { invoiceId: 'A', amount: 4001 }], [])),
    ).toMatchObject({
      code: 'over_open_balance',
      invoiceId: 'A',
      requested: 10001,
      available: 10000,
    });
  });

  it('refuses a new payment above the open balance on its own', () => {
    const error = thrown(() => guardOverpayment(open, [{ invoiceId: 'A', amount: 10001 }], []));
    expect(error).toBeInstanceOf(OverpaymentError);
    expect(error).toMatchObject({ code: 'over_open_balance', requested: 10001, available: 10000 });
  });

  it('trims tentative payments on invoices whose balance dropped, with no new payment', () => {
    expect(guardOverpayment(balances({ A: 1000 }), [], [t('P1', 'A', 5000, '2025-02-01')])).toEqual(
      [{ paymentId: 'P1', invoiceId: 'A', fromAmount: 5000, toAmount: 1000 }],
    );
  });

  it('leaves alone invoices whose balance it was not given', () => {
    expect(guardOverpayment(open, [], [t('P1', 'B', 5000, '2025-02-01')])).toEqual([]);
  });

  it('refuses an unknown invoice, a duplicated allocation and malformed input', () => {
    expect(thrown(() => guardOverpayment(open, [{ invoiceId: 'B', amount: 1 }], []))).toMatchObject(
      {
        code: 'unknown_invoice',
        invoiceId: 'B',
      },
    );
    const twice = [t('P1', 'A', 1, '2025-02-01'), t('P1', 'A', 2, '2025-02-01')];
    expect(thrown(() => guardOverpayment(open, [], twice))).toMatchObject({
      code: 'duplicate_allocation',
    });
    expect(() => guardOverpayment(open, [{ invoiceId: 'A', amount: -1 }], [])).toThrow(MoneyError);
    expect(() => guardOverpayment(balances({ A: 1.5 }), [], [])).toThrow(MoneyError);
    expect(() => guardOverpayment(open, [], [t('P1', 'A', 1, '2025-02-30')])).toThrow();
    expect(() => guardOverpayment(open, [], [t('P1', 'A', 1, '2025-02-01', 'yesterday')])).toThrow(
      RangeError,
    );
  });

  it('fits, only reduces, reduces by exactly the excess, latest first (property)', () => {
    const invoiceId = fc.constantFrom('A', 'B', 'C');
    const scenario = fc.record({
      open: fc.record({
        A: fc.integer({ min: 0, max: 100_000 }),
        B: fc.integer({ min: 0, max: 100_000 }),
        C: fc.integer({ min: 0, max: 100_000 }),
      }),
      fresh: fc.array(fc.record({ invoiceId, share: fc.integer({ min: 0, max: 1000 }) }), {
        maxLength: 4,
      }),
      tentative: fc.uniqueArray(
        fc.record({
          paymentId: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
          invoiceId,
          amount: fc.integer({ min: 0, max: 100_000 }),
          runDate: fc.integer({ min: 1, max: 4 }).map((d) => `2025-02-0${d}`),
          createdAt: fc.integer({ min: 0, max: 3 }).map((s) => `2025-01-01T00:00:0${s}Z`),
        }),
        { selector: (a) => `${a.paymentId}|${a.invoiceId}` },
      ),
    });
    fc.assert(
      fc.property(scenario, ({ open, fresh, tentative }) => {
        // Scale each invoice's new allocations to fit its open balance.
        const shares = new Map<string, number>();
        for (const f of fresh) shares.set(f.invoiceId, (shares.get(f.invoiceId) ?? 0) + f.share);
        const newAllocations: NewAllocation[] = fresh.map((f) => ({
          invoiceId: f.invoiceId,
          amount: Math.floor(
            (f.share * open[f.invoiceId as 'A']) / Math.max(1, shares.get(f.invoiceId)!),
          ),
        }));
        const openBalances = balances(open);
        const adjustments = guardOverpayment(openBalances, newAllocations, tentative);
        const after = apply(tentative, adjustments);
        for (const [id, available] of openBalances) {
          const asked = newAllocations
            .filter((a) => a.invoiceId === id)
            .reduce((s, a) => s + a.amount, 0);
          const before = tentative
            .filter((a) => a.invoiceId === id)
            .reduce((s, a) => s + a.amount, 0);
          const left = after.filter((a) => a.invoiceId === id).reduce((s, a) => s + a.amount, 0);
          expect(asked + left).toBeLessThanOrEqual(available);
          expect(before - left).toBe(Math.max(0, asked + before - available));
        }
        for (const a of adjustments) {
          expect(a.toAmount).toBeGreaterThanOrEqual(0);
          expect(a.toAmount).toBeLessThan(a.fromAmount);
        }
        // Whatever was cut, nothing that runs later (or same day, created later) was left uncut.
        for (const cut of adjustments) {
          const original = tentative.find(
            (a) => a.paymentId === cut.paymentId && a.invoiceId === cut.invoiceId,
          )!;
          for (const other of after.filter((a) => a.invoiceId === cut.invoiceId)) {
            const later =
              other.runDate > original.runDate ||
              (other.runDate === original.runDate && other.createdAt > original.createdAt);
            if (later) expect(other.amount).toBe(0);
          }
        }
      }),
    );
  });
});

describe('adjustmentsByPayment', () => {
  const current = [
    t('P1', 'A', 3000, '2025-02-01'),
    t('P1', 'B', 2000, '2025-02-01'),
    t('P2', 'A', 1000, '2025-03-01'),
    t('P3', 'C', 700, '2025-03-01'),
  ];

  it('totals the cuts per whole payment and marks emptied payments cancelled', () => {
    const adjustments = [
      { paymentId: 'P2', invoiceId: 'A', fromAmount: 1000, toAmount: 0 },
      { paymentId: 'P1', invoiceId: 'A', fromAmount: 3000, toAmount: 2500 },
    ];
    expect(adjustmentsByPayment(current, adjustments)).toEqual([
      { paymentId: 'P2', fromAmount: 1000, toAmount: 0, cancelled: true },
      { paymentId: 'P1', fromAmount: 5000, toAmount: 4500, cancelled: false },
    ]);
  });

  it('returns nothing for no adjustments', () => {
    expect(adjustmentsByPayment(current, [])).toEqual([]);
  });

  it('refuses adjustments that do not match the current allocations', () => {
    for (const stale of [
      { paymentId: 'P1', invoiceId: 'A', fromAmount: 2999, toAmount: 0 },
      { paymentId: 'P9', invoiceId: 'A', fromAmount: 3000, toAmount: 0 },
      { paymentId: 'P1', invoiceId: 'C', fromAmount: 3000, toAmount: 0 },
    ]) {
      expect(thrown(() => adjustmentsByPayment(current, [stale]))).toMatchObject({
        code: 'unknown_allocation',
      });
    }
    const twice = { paymentId: 'P1', invoiceId: 'A', fromAmount: 3000, toAmount: 0 };
    expect(thrown(() => adjustmentsByPayment(current, [twice, twice]))).toMatchObject({
      code: 'unknown_allocation',
    });
    expect(() =>
      adjustmentsByPayment(current, [
        { paymentId: 'P1', invoiceId: 'A', fromAmount: 3000, toAmount: 3001 },
      ]),
    ).toThrow(MoneyError);
  });

  it('matches the guard: whole payments lose exactly what their allocations lose (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            paymentId: fc.constantFrom('P1', 'P2', 'P3'),
            invoiceId: fc.constantFrom('A', 'B'),
            amount: fc.integer({ min: 0, max: 10_000 }),
            runDate: fc.constantFrom('2025-02-01', '2025-03-01'),
            createdAt: fc.constant('2025-01-01T00:00:00Z'),
          }),
          { selector: (a) => `${a.paymentId}|${a.invoiceId}` },
        ),
        fc.integer({ min: 0, max: 20_000 }),
        (current, openA) => {
          const adjustments = guardOverpayment(balances({ A: openA }), [], current);
          const after = apply(current, adjustments);
          for (const p of adjustmentsByPayment(current, adjustments)) {
            const sum = (list: TentativeAllocation[]) =>
              list.filter((a) => a.paymentId === p.paymentId).reduce((s, a) => s + a.amount, 0);
            expect(p.fromAmount).toBe(sum(current));
            expect(p.toAmount).toBe(sum(after));
            expect(p.toAmount).toBeLessThan(p.fromAmount);
            expect(p.cancelled).toBe(p.toAmount === 0);
          }
        },
      ),
    );
  });
});
