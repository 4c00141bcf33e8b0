import fc from 'fast-check';

import {
  allocateExplicit,
  allocateOldestFirst,
  Allocation,
  AllocationError,
  OpenInvoice,
} from './allocation';
import { CalendarDateError } from './calendar-date';
import { MoneyError } from './money';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const inv = (id: string, dueDate: string, openBalance: number, issueDate = '2025-01-01') => ({
  id,
  dueDate,
  issueDate,
  openBalance,
});

const invoices: OpenInvoice[] = [
  inv('INV-3', '2025-03-01', 30000),
  inv('INV-1', '2025-01-15', 10000),
  inv('INV-2', '2025-02-15', 20000),
];

// Few distinct days so that equal due and issue dates, and hence the tie-breaks, come up often.
const day = fc.integer({ min: 1, max: 5 }).map((d) => `2025-01-0${d}`);
const invoiceSet = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    dueDate: day,
    issueDate: day,
    openBalance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
  }),
  { selector: (i) => i.id, maxLength: 8 },
);
const total = (list: readonly { amount: number }[]) => list.reduce((s, a) => s + a.amount, 0);
const totalOpen = (list: readonly OpenInvoice[]) => list.reduce((s, i) => s + i.openBalance, 0);

function expectWellFormed(list: readonly OpenInvoice[], allocations: Allocation[], paid: number) {
  const byId = new Map(list.map((i) => [i.id, i]));
  expect(total(allocations)).toBe(paid);
  expect(new Set(allocations.map((a) => a.invoiceId)).size).toBe(allocations.length);
  for (const a of allocations) {
    expect(Number.isSafeInteger(a.amount)).toBe(true);
    expect(a.amount).toBeGreaterThan(0);
    expect(a.amount).toBeLessThanOrEqual(byId.get(a.invoiceId)!.openBalance);
  }
}

describe('allocateExplicit', () => {
  it('returns exactly the requested amounts, in request order', () => {
    const request = [
      { invoiceId: 'INV-2', amount: 20000 },
      { invoiceId: 'INV-1', amount: 2500 },
    ];
    expect(allocateExplicit(invoices, request)).toEqual({ allocations: request });
  });

  it('refuses an amount above the open balance, naming the invoice and its balance', () => {
    const error = thrown(() => allocateExplicit(invoices, [{ invoiceId: 'INV-1', amount: 10001 }]));
    expect(error).toBeInstanceOf(AllocationError);
    expect(error).toMatchObject({
      code: 'exceeds_open_balance',
      invoiceId: 'INV-1',
      openBalance: 10000,
      requested: 10001,
    });
  });

  it.each([
    ['unknown_invoice', [{ invoiceId: 'INV-9', amount: 1 }]],
    [
      'duplicate_invoice',
      [
        { invoiceId: 'INV-1', amount: 1 },
        { invoiceId: 'INV-1', amount: 1 },
      ],
    ],
    ['non_positive_amount', [{ invoiceId: 'INV-1', amount: 0 }]],
    ['non_positive_amount', [{ invoiceId: 'INV-1', amount: -100 }]],
    ['empty_request', []],
  ])('refuses with %s', (code, request) => {
    expect(thrown(() => allocateExplicit(invoices, request))).toMatchObject({ code });
  });

  it('treats a fractional amount as malformed money', () => {
    expect(() => allocateExplicit(invoices, [{ invoiceId: 'INV-1', amount: 0.5 }])).toThrow(
      MoneyError,
    );
  });

  it('refuses an invoice list that names an invoice twice', () => {
    const list = [...invoices, inv('INV-1', '2025-01-15', 5)];
    expect(thrown(() => allocateExplicit(list, [{ invoiceId: 'INV-2', amount: 1 }]))).toMatchObject(
      { code: 'duplicate_invoice', invoiceId: 'INV-1' },
    );
  });

  it('returns exactly the request when it is valid and throws otherwise (property)', () => {
    fc.assert(
      fc.property(
        invoiceSet,
        fc.array(
          fc.record({
            pick: fc.nat(),
            known: fc.boolean(),
            amount: fc.integer({ min: -5, max: 1_000_005 }),
          }),
          { maxLength: 6 },
        ),
        (list, picks) => {
          const request = picks.map(({ pick, known, amount }) => ({
            invoiceId: known && list.length > 0 ? list[pick % list.length].id : `unknown-${pick}`,
            amount,
          }));
          const byId = new Map(list.map((i) => [i.id, i]));
          const ids = request.map((r) => r.invoiceId);
          const valid =
            request.length > 0 &&
            new Set(ids).size === ids.length &&
            request.every((r) => {
              const invoice = byId.get(r.invoiceId);
              return invoice !== undefined && r.amount > 0 && r.amount <= invoice.openBalance;
            });
          if (valid) {
            const { allocations } = allocateExplicit(list, request);
            expect(allocations).toEqual(request);
            expectWellFormed(list, allocations, total(request));
          } else {
            expect(() => allocateExplicit(list, request)).toThrow(AllocationError);
          }
        },
      ),
    );
  });
});

describe('allocateOldestFirst', () => {
  it('pays the oldest due invoices in full, then part of the next', () => {
    expect(allocateOldestFirst(invoices, 15000).allocations).toEqual([
      { invoiceId: 'INV-1', amount: 10000 },
      { invoiceId: 'INV-2', amount: 5000 },
    ]);
  });

  it('pays everything when the amount equals the total open balance', () => {
    expect(allocateOldestFirst(invoices, 60000).allocations).toEqual([
      { invoiceId: 'INV-1', amount: 10000 },
      { invoiceId: 'INV-2', amount: 20000 },
      { invoiceId: 'INV-3', amount: 30000 },
    ]);
  });

  it('breaks due-date ties by issue date, then by id', () => {
    const tied = [
      inv('B', '2025-02-01', 100, '2025-01-02'),
      inv('C', '2025-02-01', 100, '2025-01-01'),
      inv('A', '2025-02-01', 100, '2025-01-02'),
    ];
    expect(allocateOldestFirst(tied, 250).allocations).toEqual([
      { invoiceId: 'C', amount: 100 },
      { invoiceId: 'A', amount: 100 },
      { invoiceId: 'B', amount: 50 },
    ]);
  });

  it('skips invoices with nothing left to pay', () => {
    const list = [inv('PAID', '2024-12-01', 0), ...invoices];
    expect(allocateOldestFirst(list, 100).allocations).toEqual([
      { invoiceId: 'INV-1', amount: 100 },
    ]);
  });

  it('refuses more than the total open balance', () => {
    expect(thrown(() => allocateOldestFirst(invoices, 60001))).toMatchObject({
      code: 'exceeds_total_open_balance',
      openBalance: 60000,
      requested: 60001,
    });
    expect(thrown(() => allocateOldestFirst([], 1))).toMatchObject({
      code: 'exceeds_total_open_balance',
    });
  });

  it('refuses a zero, negative or fractional amount', () => {
    expect(thrown(() => allocateOldestFirst(invoices, 0))).toMatchObject({
      code: 'non_positive_amount',
    });
    expect(thrown(() => allocateOldestFirst(invoices, -1))).toMatchObject({
      code: 'non_positive_amount',
    });
    expect(() => allocateOldestFirst(invoices, 1.5)).toThrow(MoneyError);
  });

  it('refuses malformed dates, which would otherwise sort wrongly as text', () => {
    expect(() => allocateOldestFirst([inv('X', '1/2/2025', 100)], 1)).toThrow(CalendarDateError);
  });

  it('is well formed and never skips ahead of an older unpaid invoice (property)', () => {
    const withAmount = invoiceSet
      .filter((list) => totalOpen(list) > 0)
      .chain((list) => fc.tuple(fc.constant(list), fc.integer({ min: 1, max: totalOpen(list) })));
    fc.assert(
      fc.property(withAmount, ([list, amount]) => {
        const { allocations } = allocateOldestFirst(list, amount);
        expectWellFormed(list, allocations, amount);
        const paid = new Map(allocations.map((a) => [a.invoiceId, a.amount]));
        const byId = new Map(list.map((i) => [i.id, i]));
        const leftOver = (i: OpenInvoice) => i.openBalance - (paid.get(i.id) ?? 0);
        for (const later of list.filter((i) => paid.has(i.id))) {
          for (const earlier of list.filter((i) => i.dueDate < later.dueDate)) {
            expect(leftOver(earlier)).toBe(0);
          }
        }
        // Only the last invoice paid may be paid in part.
        allocations.slice(0, -1).forEach((a) => expect(leftOver(byId.get(a.invoiceId)!)).toBe(0));
        // Same input in any order gives the same allocations.
        expect(allocateOldestFirst([...list].reverse(), amount)).toEqual({ allocations });
      }),
    );
  });

  it('refuses any amount above the total (property)', () => {
    fc.assert(
      fc.property(invoiceSet, fc.integer({ min: 1, max: 1000 }), (list, excess) => {
        expect(thrown(() => allocateOldestFirst(list, totalOpen(list) + excess))).toMatchObject({
          code: 'exceeds_total_open_balance',
        });
      }),
    );
  });
});
