import fc from 'fast-check';

import {
  chargeNet,
  expectedGatewayNet,
  reconcile,
  ReconAccountingPayment,
  ReconGatewayCharge,
  ReconInput,
  ReconSettlePayment,
  reconTotals,
  settleNetAmount,
} from './reconciliation';

const payment = (overrides: Partial<ReconSettlePayment> = {}): ReconSettlePayment => ({
  accountingExternalId: 'Q1',
  accountingInvoiceIds: ['QI1'],
  amount: 10_000,
  amountRefunded: 0,
  currency: 'USD',
  fee: 300,
  feeRefunded: 0,
  gateway: 'stripe',
  gatewayRef: 'pi_1',
  id: 'p1',
  organizationId: 'org1',
  paidOn: '2026-11-10',
  reference: 'PAY-000001',
  status: 'succeeded',
  syncAction: 'push',
  syncCause: null,
  syncError: null,
  syncStatus: 'synced',
  ...overrides,
});

const qbo = (overrides: Partial<ReconAccountingPayment> = {}): ReconAccountingPayment => ({
  amount: 10_000,
  currency: 'USD',
  customerName: 'Harbor Dental',
  id: 'Q1',
  invoiceIds: ['QI1'],
  organizationId: 'org1',
  privateNote: 'Settle payment PAY-000001, gateway reference pi_1',
  refNum: 'PAY-000001',
  txnDate: '2026-11-10',
  voided: false,
  ...overrides,
});

const charge = (overrides: Partial<ReconGatewayCharge> = {}): ReconGatewayCharge => ({
  amount: 10_300,
  amountRefunded: 0,
  createdOn: '2026-11-10',
  currency: 'USD',
  id: 'ch_1',
  organizationId: null,
  paymentRef: 'pi_1',
  reversed: false,
  ...overrides,
});

const input = (overrides: Partial<ReconInput> = {}): ReconInput => ({
  accounting: [qbo()],
  accountingConnected: true,
  charges: [charge()],
  from: '2026-11-01',
  gateway: 'stripe',
  settle: [payment()],
  to: '2026-11-30',
  ...overrides,
});

const kindsOf = (i: ReconInput) =>
  reconcile(i)
    .groups.map((g) => g.kind)
    .filter((k) => k !== null);

describe('reconcile', () => {
  it('matches a payment its accounting payment and charge agree on: the charge includes the fee, accounting the invoice amount only', () => {
    const { groups } = reconcile(input());
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      accountingAmount: 10_000,
      gatewayAmount: 10_300,
      kind: null,
      settleAmount: 10_000,
    });
  });

  it('matches by the PaymentRefNum marker when Settle has no accounting id', () => {
    const { groups } = reconcile(
      input({ settle: [payment({ accountingExternalId: null })], accounting: [qbo({ id: 'Q9' })] }),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: null, accounting: { id: 'Q9' } });
  });

  it('types each accounting difference', () => {
    expect(kindsOf(input({ accounting: [qbo({ amount: 9_000 })] }))).toEqual([
      'amount_differs_in_accounting',
    ]);
    expect(kindsOf(input({ accounting: [qbo({ amount: 0, voided: true })] }))).toEqual([
      'missing_in_accounting',
    ]);
    expect(kindsOf(input({ accounting: [] }))).toEqual(['missing_in_accounting']);
    expect(
      kindsOf(
        input({
          accounting: [],
          settle: [payment({ accountingExternalId: null, syncStatus: 'pending' })],
        }),
      ),
    ).toEqual(['not_yet_synced']);
    expect(
      kindsOf(
        input({
          accounting: [],
          settle: [
            payment({
              accountingExternalId: null,
              syncCause: 'period_closed',
              syncStatus: 'failed',
            }),
          ],
        }),
      ),
    ).toEqual(['sync_failed']);
    // Refunded in full: the reversal waits; QuickBooks still has the whole payment.
    expect(
      kindsOf(
        input({
          charges: [charge({ amountRefunded: 10_300 })],
          settle: [
            payment({
              amountRefunded: 10_000,
              feeRefunded: 300,
              status: 'refunded',
              syncAction: 'reverse',
              syncStatus: 'pending',
            }),
          ],
        }),
      ),
    ).toEqual(['reversal_missing_in_accounting']);
    // A partial refund after the push is not in accounting.
    expect(
      kindsOf(
        input({
          charges: [charge({ amountRefunded: 2_000 })],
          settle: [payment({ amountRefunded: 2_000 })],
        }),
      ),
    ).toEqual(['reversal_missing_in_accounting']);
    // A partial refund waiting to adjust the accounting payment, then adjusted.
    const adjusting = payment({
      amountRefunded: 2_000,
      syncAction: 'adjust',
      syncStatus: 'pending',
    });
    expect(
      kindsOf(input({ charges: [charge({ amountRefunded: 2_000 })], settle: [adjusting] })),
    ).toEqual(['reversal_missing_in_accounting']);
    expect(
      kindsOf(
        input({
          accounting: [qbo({ amount: 8_000 })],
          charges: [charge({ amountRefunded: 2_000 })],
          settle: [{ ...adjusting, syncStatus: 'synced' }],
        }),
      ),
    ).toEqual([]);
    // The reversal reached accounting: voided there, matched.
    expect(
      kindsOf(
        input({
          accounting: [qbo({ amount: 0, voided: true })],
          charges: [charge({ amountRefunded: 10_300 })],
          settle: [
            payment({
              amountRefunded: 10_000,
              feeRefunded: 300,
              status: 'refunded',
              syncAction: 'reverse',
              syncStatus: 'synced',
            }),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('links a dismissed payment to the accounting payment recorded by hand for the same customer and amount', () => {
    const { groups } = reconcile(
      input({
        accounting: [qbo({ id: 'Q7', privateNote: null, refNum: '1042' })],
        settle: [payment({ accountingExternalId: null, syncStatus: 'dismissed' })],
      }),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      accounting: { id: 'Q7' },
      kind: 'dismissed_recorded_by_hand',
    });
  });

  it('reports what only accounting has, flagging a possible double payment on an invoice Settle collected', () => {
    const { groups } = reconcile(
      input({ accounting: [qbo(), qbo({ id: 'Q2', privateNote: null, refNum: '1043' })] }),
    );
    const lone = groups.find((g) => g.accounting?.id === 'Q2')!;
    expect(lone).toMatchObject({
      kind: 'recorded_only_in_accounting',
      possibleDoublePayment: true,
      settle: null,
    });
  });

  it('types each gateway difference', () => {
    expect(kindsOf(input({ charges: [] }))).toEqual(['missing_at_gateway']);
    expect(kindsOf(input({ charges: [charge({ amount: 10_000 })] }))).toEqual([
      'amount_differs_at_gateway',
    ]);
    expect(kindsOf(input({ charges: [charge({ amountRefunded: 10_300 })] }))).toEqual([
      'refunded_at_gateway_only',
    ]);
    expect(
      kindsOf(input({ charges: [charge(), charge({ id: 'ch_2', paymentRef: 'pi_2' })] })),
    ).toEqual(['charge_only_at_gateway']);
  });

  it('puts a charge made outside Settle under the organization whose customer it charged', () => {
    const lone = charge({ id: 'ch_2', organizationId: 'org1', paymentRef: 'pi_2' });
    const group = reconcile(input({ charges: [charge(), lone] })).groups.find(
      (g) => g.charge?.id === 'ch_2',
    );
    expect(group).toMatchObject({ kind: 'charge_only_at_gateway', organizationId: 'org1' });
  });

  it('leaves the accounting side out when no accounting package is connected', () => {
    expect(kindsOf(input({ accounting: [], accountingConnected: false }))).toEqual([]);
    expect(
      reconcile(input({ accountingConnected: false })).groups.every(
        (g) => g.accountingAmount === null,
      ),
    ).toBe(true);
  });

  it('does not report what lies only in the margin, and matches across midnight', () => {
    const early = payment({ paidOn: '2026-10-31' });
    expect(reconcile(input({ accounting: [], charges: [], settle: [early] })).groups).toEqual([]);
    const late = input({
      accounting: [qbo({ txnDate: '2026-12-01' })],
      charges: [charge({ createdOn: '2026-12-01' })],
      settle: [payment({ paidOn: '2026-11-30' })],
    });
    expect(kindsOf(late)).toEqual([]);
  });

  it('puts every record in exactly one group or outside, and every side balances', () => {
    const day = fc.integer({ max: 34, min: 0 }).map((d) => {
      const date = new Date(Date.UTC(2026, 9, 29 + d));
      return date.toISOString().slice(0, 10);
    });
    const amount = fc.integer({ max: 50_000, min: 0 });
    const idx = fc.integer({ max: 7, min: 0 });
    const settleArb = fc.record({
      accountingExternalId: fc.option(idx.map((i) => `Q${i}`)),
      amount,
      amountRefunded: amount,
      fee: fc.integer({ max: 500, min: 0 }),
      feeRefunded: fc.integer({ max: 500, min: 0 }),
      gateway: fc.constantFrom('stripe', 'sandbox'),
      gatewayRef: fc.option(idx.map((i) => `pi_${i}`)),
      invoice: idx,
      organizationId: fc.constantFrom('org1', 'org2'),
      paidOn: day,
      status: fc.constantFrom('processing', 'succeeded', 'refunded', 'returned'),
      syncAction: fc.constantFrom('push', 'reverse', 'adjust'),
      syncStatus: fc.constantFrom('not_applicable', 'pending', 'synced', 'failed', 'dismissed'),
    });
    const accountingArb = fc.record({
      amount,
      id: idx.map((i) => `Q${i}`),
      invoice: idx,
      organizationId: fc.option(fc.constantFrom('org1', 'org2')),
      refNum: fc.option(idx.map((i) => `PAY-00000${i}`)),
      txnDate: day,
      voided: fc.boolean(),
    });
    const chargeArb = fc.record({
      amount,
      amountRefunded: amount,
      createdOn: day,
      id: idx.map((i) => `ch_${i}`),
      paymentRef: idx.map((i) => `pi_${i}`),
      reversed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(settleArb, { maxLength: 8 }),
        fc.array(accountingArb, { maxLength: 8 }),
        fc.array(chargeArb, { maxLength: 8 }),
        fc.boolean(),
        (ss, as, cs, connected) => {
          const settle = ss.map((s, i): ReconSettlePayment =>
            payment({
              accountingExternalId: s.accountingExternalId,
              accountingInvoiceIds: [`QI${s.invoice}`],
              amount: s.amount,
              amountRefunded: Math.min(s.amountRefunded, s.amount),
              fee: s.fee,
              feeRefunded: Math.min(s.feeRefunded, s.fee),
              gateway: s.gateway,
              gatewayRef: s.gatewayRef,
              id: `p${i}`,
              organizationId: s.organizationId,
              paidOn: s.paidOn,
              reference: `PAY-00000${i}`,
              status: s.status as ReconSettlePayment['status'],
              syncAction: s.syncAction as ReconSettlePayment['syncAction'],
              syncStatus: s.syncStatus as ReconSettlePayment['syncStatus'],
            }),
          );
          // Ids are unique on each side, as in the real systems.
          const accounting = [...new Map(as.map((a) => [a.id, a])).values()].map((a) =>
            qbo({
              amount: a.voided ? 0 : a.amount,
              id: a.id,
              invoiceIds: [`QI${a.invoice}`],
              organizationId: a.organizationId,
              privateNote: null,
              refNum: a.refNum,
              txnDate: a.txnDate,
              voided: a.voided,
            }),
          );
          const charges = [...new Map(cs.map((c) => [c.id, c])).values()].map((c) =>
            charge({
              amount: c.amount,
              amountRefunded: Math.min(c.amountRefunded, c.amount),
              createdOn: c.createdOn,
              id: c.id,
              paymentRef: c.paymentRef,
              reversed: c.reversed,
            }),
          );
          const i = input({ accounting, accountingConnected: connected, charges, settle });
          const { groups, outside } = reconcile(i);

          const count = (ids: string[]) => {
            const seen = new Map<string, number>();
            for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
            return seen;
          };
          const settleSeen = count([
            ...groups.flatMap((g) => (g.settle ? [g.settle.id] : [])),
            ...outside.settle,
          ]);
          const accountingSeen = count([
            ...groups.flatMap((g) => (g.accounting ? [g.accounting.id] : [])),
            ...outside.accounting,
          ]);
          const chargesSeen = count([
            ...groups.flatMap((g) => (g.charge ? [g.charge.id] : [])),
            ...outside.charges,
          ]);
          for (const s of settle) expect(settleSeen.get(s.id)).toBe(1);
          for (const a of accounting) expect(accountingSeen.get(a.id)).toBe(1);
          for (const c of charges) expect(chargesSeen.get(c.id)).toBe(1);
          expect(settleSeen.size).toBe(settle.length);
          expect(accountingSeen.size).toBe(accounting.length);
          expect(chargesSeen.size).toBe(charges.length);

          for (const g of groups) {
            // Each group's amounts are its records' own.
            expect(g.settleAmount).toBe(g.settle ? settleNetAmount(g.settle) : null);
            expect(g.accountingAmount).toBe(
              g.accounting ? (g.accounting.voided ? 0 : g.accounting.amount) : null,
            );
            expect(g.gatewayAmount).toBe(g.charge ? chargeNet(g.charge) : null);
            // Only dates inside the period are reported.
            expect(g.occurredOn >= i.from && g.occurredOn <= i.to).toBe(true);
            if (!connected) expect(g.accounting).toBeNull();
            // Matched means the sides agree.
            if (g.kind === null && g.settle && g.settle.gateway === i.gateway)
              expect(g.gatewayAmount ?? 0).toBe(expectedGatewayNet(g.settle));
            if (g.kind === null && !g.settle) {
              expect(g.accountingAmount ?? 0).toBe(0);
              expect(g.gatewayAmount ?? 0).toBe(0);
            }
          }

          const totals = reconTotals(groups);
          const diff = groups.filter((g) => g.kind !== null);
          const matched = groups.filter((g) => g.kind === null);
          const sum = (
            gs: typeof groups,
            side: 'settleAmount' | 'accountingAmount' | 'gatewayAmount',
          ) => gs.reduce((s, g) => s + (g[side] ?? 0), 0);
          for (const side of ['settleAmount', 'accountingAmount', 'gatewayAmount'] as const)
            expect(sum(matched, side) + sum(diff, side)).toBe(
              side === 'settleAmount'
                ? totals.settle.amount
                : side === 'accountingAmount'
                  ? totals.accounting.amount
                  : totals.gateway.amount,
            );
          expect(totals.settle.amount).toBe(
            settle
              .filter((s) => settleSeen.has(s.id) && !outside.settle.includes(s.id))
              .reduce((s, p) => s + settleNetAmount(p), 0),
          );
          expect(totals.matched.amount).toBe(sum(matched, 'settleAmount'));
          expect(totals.matched.count + totals.differences.count).toBe(groups.length);
          expect(Object.values(totals.differences.byKind).reduce((a, b) => a + b, 0)).toBe(
            diff.length,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
