import type {
  AccountingSyncAction,
  AccountingSyncCause,
  AccountingSyncStatus,
} from './accounting-sync';
import type { CalendarDate } from './calendar-date';

/**
 * Three-way reconciliation: Settle's payments against the accounting package's payments and the
 * gateway's charges over a period, every difference typed so that it can be explained in words.
 *
 * What each side should hold for one Settle payment (`amount` goes to the invoices, `fee` is the
 * card surcharge, `total` = amount + fee is what the gateway charged):
 * - Settle's own amount is what the payment still puts on its invoices: `amount − amountRefunded`,
 *   0 once refunded in full or returned.
 * - The accounting package gets the invoice amount only, never the fee: the push sends
 *   `amount − amountRefunded` at the time of the push, and a refund in full or a return voids the
 *   accounting payment (TotalAmt 0); a partial refund after the push adjusts it to what is left
 *   (sync action `adjust`): until that adjustment lands, accounting still holds the whole amount.
 * - The gateway holds the charge net of its refunds: `total − amountRefunded − feeRefunded`, 0
 *   after a return (a failed charge moved no money).
 */
export const RECONCILIATION_DIFFERENCE_KINDS = [
  'not_yet_synced',
  'sync_failed',
  'dismissed_recorded_by_hand',
  'missing_in_accounting',
  'amount_differs_in_accounting',
  'reversal_missing_in_accounting',
  'recorded_only_in_accounting',
  'missing_at_gateway',
  'amount_differs_at_gateway',
  'refunded_at_gateway_only',
  'charge_only_at_gateway',
] as const;
export type ReconciliationDifferenceKind = (typeof RECONCILIATION_DIFFERENCE_KINDS)[number];

/** A Settle payment that moved (or is moving) money: processing, succeeded, refunded, returned. */
export interface ReconSettlePayment {
  id: string;
  organizationId: string;
  /** PAY-000123: the PaymentRefNum Settle gives the accounting payment. */
  reference: string;
  currency: string;
  status: 'processing' | 'succeeded' | 'refunded' | 'returned';
  amount: number;
  fee: number;
  amountRefunded: number;
  feeRefunded: number;
  /** The day the money moved, on the MSP's calendar. */
  paidOn: CalendarDate;
  gateway: string;
  gatewayRef: string | null;
  syncStatus: AccountingSyncStatus;
  syncAction: AccountingSyncAction;
  accountingExternalId: string | null;
  syncCause: AccountingSyncCause | null;
  syncError: string | null;
  /** The accounting package's ids of the invoices the payment pays. */
  accountingInvoiceIds: string[];
}

/** A payment in the accounting package (QuickBooks Payment), in minor units. */
export interface ReconAccountingPayment {
  id: string;
  /** The Settle organization linked to its customer, if any. */
  organizationId: string | null;
  customerName: string | null;
  amount: number;
  currency: string;
  txnDate: CalendarDate;
  refNum: string | null;
  privateNote: string | null;
  /** Voided in the accounting package: TotalAmt 0, "Voided" in its note. */
  voided: boolean;
  invoiceIds: string[];
}

/** A charge at the gateway that moved money (failed charges are left out). */
export interface ReconGatewayCharge {
  /** The charge's id (Stripe ch_…, sandbox charge id). */
  id: string;
  /** What Settle stores as gatewayPaymentRef: Stripe's PaymentIntent, the sandbox charge id. */
  paymentRef: string;
  /** The organization whose gateway customer was charged, if Settle links that customer to one. */
  organizationId: string | null;
  amount: number;
  amountRefunded: number;
  /** Taken back by the bank or a dispute: nothing of it stays. */
  reversed: boolean;
  currency: string;
  createdOn: CalendarDate;
}

export interface ReconInput {
  from: CalendarDate;
  to: CalendarDate;
  /** Whether an accounting package is connected; without one, no accounting differences. */
  accountingConnected: boolean;
  /** The gateway whose charges were listed: payments made through another are not compared there. */
  gateway: string;
  settle: ReconSettlePayment[];
  accounting: ReconAccountingPayment[];
  charges: ReconGatewayCharge[];
}

/** One Settle payment with what the other sides hold for it, or a lone record of one side. */
export interface ReconGroup {
  /** null when the three sides agree (matched). */
  kind: ReconciliationDifferenceKind | null;
  /** Further differences of the same payment, explained after the first. */
  alsoKinds: ReconciliationDifferenceKind[];
  organizationId: string | null;
  currency: string;
  occurredOn: CalendarDate;
  settle: ReconSettlePayment | null;
  accounting: ReconAccountingPayment | null;
  charge: ReconGatewayCharge | null;
  /** Each side's amount in this group (null when the side has no record here). */
  settleAmount: number | null;
  accountingAmount: number | null;
  gatewayAmount: number | null;
  /** What Settle expects each side to hold. */
  expectedAccountingAmount: number | null;
  expectedGatewayAmount: number | null;
  /** A lone accounting payment on an invoice Settle also collected on. */
  possibleDoublePayment: boolean;
}

export interface ReconResult {
  groups: ReconGroup[];
  /** Records fetched with the margin whose own date (or whose payment's) is outside the period. */
  outside: { settle: string[]; accounting: string[]; charges: string[] };
}

/** What a Settle payment still puts on its invoices. */
export function settleNetAmount(p: ReconSettlePayment): number {
  return p.status === 'refunded' || p.status === 'returned' ? 0 : p.amount - p.amountRefunded;
}

/** What the gateway should still hold of a Settle payment's charge (fee included). */
export function expectedGatewayNet(p: ReconSettlePayment): number {
  if (p.status === 'returned') return 0;
  return p.amount + p.fee - p.amountRefunded - p.feeRefunded;
}

export function chargeNet(c: ReconGatewayCharge): number {
  return c.reversed ? 0 : c.amount - c.amountRefunded;
}

function inWindow(date: CalendarDate, input: ReconInput): boolean {
  return date >= input.from && date <= input.to;
}

/** The Settle references an accounting payment carries: its PaymentRefNum, the note's marker. */
function markersOf(a: ReconAccountingPayment): string[] {
  const fromNote = /Settle payment ([^,\s]+),/.exec(a.privateNote ?? '')?.[1];
  return [...new Set([a.refNum, fromNote].filter((r): r is string => !!r))];
}

/** The accounting differences of one Settle payment, given its accounting payment (if found). */
function accountingKinds(
  p: ReconSettlePayment,
  a: ReconAccountingPayment | null,
): { kinds: ReconciliationDifferenceKind[]; expected: number | null } {
  const net = settleNetAmount(p);
  const aAmount = a ? (a.voided ? 0 : a.amount) : null;
  const reversal = p.syncAction === 'reverse';
  switch (p.syncStatus) {
    case 'not_applicable':
      return { expected: null, kinds: [] };
    case 'dismissed':
      return { expected: null, kinds: ['dismissed_recorded_by_hand'] };
    case 'pending':
      if (reversal)
        return {
          expected: 0,
          kinds: aAmount === null || aAmount === 0 ? [] : ['reversal_missing_in_accounting'],
        };
      if (p.syncAction === 'adjust')
        return { expected: net, kinds: aAmount === net ? [] : ['reversal_missing_in_accounting'] };
      return { expected: net, kinds: aAmount === net ? [] : ['not_yet_synced'] };
    case 'failed':
      if (reversal)
        return {
          expected: 0,
          kinds: aAmount === null || aAmount === 0 ? [] : ['reversal_missing_in_accounting'],
        };
      if (p.syncAction === 'adjust')
        return { expected: net, kinds: aAmount === net ? [] : ['reversal_missing_in_accounting'] };
      return { expected: net, kinds: aAmount === net ? [] : ['sync_failed'] };
    case 'synced':
      if (reversal || net === 0)
        return {
          expected: 0,
          kinds: aAmount === null || aAmount === 0 ? [] : ['reversal_missing_in_accounting'],
        };
      if (aAmount === null || aAmount === 0)
        return { expected: net, kinds: ['missing_in_accounting'] };
      if (aAmount === net) return { expected: net, kinds: [] };
      // The push sent the whole amount and a partial refund came after it.
      if (p.amountRefunded > 0 && aAmount === p.amount)
        return { expected: net, kinds: ['reversal_missing_in_accounting'] };
      return { expected: net, kinds: ['amount_differs_in_accounting'] };
  }
}

function gatewayKinds(
  p: ReconSettlePayment,
  c: ReconGatewayCharge | null,
): ReconciliationDifferenceKind[] {
  const expected = expectedGatewayNet(p);
  if (!c) return expected === 0 ? [] : ['missing_at_gateway'];
  const net = chargeNet(c);
  if (net === expected) return [];
  if (c.amountRefunded > p.amountRefunded + p.feeRefunded) return ['refunded_at_gateway_only'];
  return ['amount_differs_at_gateway'];
}

/**
 * Matches and classifies. A gateway charge belongs to the Settle payment whose gatewayRef is its
 * paymentRef; an accounting payment to the Settle payment whose accountingExternalId is its id,
 * else whose reference is its PaymentRefNum or is in its PrivateNote. A payment staff dismissed
 * is linked to an accounting payment left over for the same organization and amount (recorded by
 * hand). Every record ends in exactly one group — matched (kind null) or one difference — or in
 * `outside` when its date (a Settle payment's, for its group) is not in the period; every group
 * balances: each side's totals are the sums of its groups' amounts.
 */
export function reconcile(input: ReconInput): ReconResult {
  const outside: ReconResult['outside'] = { accounting: [], charges: [], settle: [] };
  const chargeByRef = new Map<string, ReconGatewayCharge>();
  for (const c of input.charges)
    if (!chargeByRef.has(c.paymentRef)) chargeByRef.set(c.paymentRef, c);
  const usedCharges = new Set<string>();
  const accountingById = new Map(input.accounting.map((a) => [a.id, a]));
  const usedAccounting = new Set<string>();
  const groups: ReconGroup[] = [];

  const payments = [...input.settle].sort((x, y) => x.id.localeCompare(y.id));
  // Links by id first, so that a marker never takes a record another payment owns by id.
  const accountingOf = new Map<string, ReconAccountingPayment>();
  for (const p of payments) {
    const a = p.accountingExternalId ? accountingById.get(p.accountingExternalId) : undefined;
    if (a && !usedAccounting.has(a.id)) {
      accountingOf.set(p.id, a);
      usedAccounting.add(a.id);
    }
  }
  // By marker: the accounting payments by the Settle reference they carry, in id order.
  const byMarker = new Map<string, ReconAccountingPayment[]>();
  for (const a of [...input.accounting].sort((x, y) => x.id.localeCompare(y.id)))
    for (const reference of markersOf(a))
      byMarker.set(reference, [...(byMarker.get(reference) ?? []), a]);
  for (const p of payments) {
    if (accountingOf.has(p.id) || p.accountingExternalId) continue;
    const a = (byMarker.get(p.reference) ?? []).find((x) => !usedAccounting.has(x.id));
    if (a) {
      accountingOf.set(p.id, a);
      usedAccounting.add(a.id);
    }
  }
  const chargeOf = new Map<string, ReconGatewayCharge>();
  for (const p of payments) {
    const c = p.gatewayRef ? chargeByRef.get(p.gatewayRef) : undefined;
    if (c && !usedCharges.has(c.id)) {
      chargeOf.set(p.id, c);
      usedCharges.add(c.id);
    }
  }
  // Dismissed payments: an accounting payment nobody claimed, same organization and amount.
  for (const p of payments) {
    if (!input.accountingConnected || p.syncStatus !== 'dismissed' || accountingOf.has(p.id))
      continue;
    const net = settleNetAmount(p);
    const candidates = input.accounting
      .filter(
        (a) =>
          !usedAccounting.has(a.id) &&
          !a.voided &&
          a.organizationId === p.organizationId &&
          a.amount === net,
      )
      .sort(
        (x, y) =>
          Math.abs(dayNumber(x.txnDate) - dayNumber(p.paidOn)) -
            Math.abs(dayNumber(y.txnDate) - dayNumber(p.paidOn)) || x.id.localeCompare(y.id),
      );
    if (candidates[0]) {
      accountingOf.set(p.id, candidates[0]);
      usedAccounting.add(candidates[0].id);
    }
  }

  const collectedInvoices = new Set<string>();
  for (const p of payments)
    if (settleNetAmount(p) > 0) for (const id of p.accountingInvoiceIds) collectedInvoices.add(id);

  for (const p of payments) {
    const a = input.accountingConnected ? (accountingOf.get(p.id) ?? null) : null;
    const compared = p.gateway === input.gateway;
    const c = compared ? (chargeOf.get(p.id) ?? null) : null;
    if (!inWindow(p.paidOn, input)) {
      outside.settle.push(p.id);
      if (a) outside.accounting.push(a.id);
      if (chargeOf.has(p.id)) outside.charges.push(chargeOf.get(p.id)!.id);
      continue;
    }
    if (!input.accountingConnected && accountingOf.has(p.id))
      usedAccounting.delete(accountingOf.get(p.id)!.id);
    if (!compared && chargeOf.has(p.id)) usedCharges.delete(chargeOf.get(p.id)!.id);
    const acc = input.accountingConnected
      ? accountingKinds(p, a)
      : { expected: null, kinds: [] as ReconciliationDifferenceKind[] };
    const gate = compared ? gatewayKinds(p, c) : [];
    const kinds = [...gate, ...acc.kinds];
    groups.push({
      accounting: a,
      accountingAmount: a ? (a.voided ? 0 : a.amount) : null,
      alsoKinds: kinds.slice(1),
      charge: c,
      currency: p.currency,
      expectedAccountingAmount: acc.expected,
      expectedGatewayAmount: compared ? expectedGatewayNet(p) : null,
      gatewayAmount: c ? chargeNet(c) : null,
      kind: kinds[0] ?? null,
      occurredOn: p.paidOn,
      organizationId: p.organizationId,
      possibleDoublePayment: false,
      settle: p,
      settleAmount: settleNetAmount(p),
    });
  }

  if (input.accountingConnected)
    for (const a of [...input.accounting].sort((x, y) => x.id.localeCompare(y.id))) {
      if (usedAccounting.has(a.id)) continue;
      if (!inWindow(a.txnDate, input)) {
        outside.accounting.push(a.id);
        continue;
      }
      const amount = a.voided ? 0 : a.amount;
      groups.push({
        accounting: a,
        accountingAmount: amount,
        alsoKinds: [],
        charge: null,
        currency: a.currency,
        expectedAccountingAmount: null,
        expectedGatewayAmount: null,
        gatewayAmount: null,
        kind: amount === 0 ? null : 'recorded_only_in_accounting',
        occurredOn: a.txnDate,
        organizationId: a.organizationId,
        possibleDoublePayment: amount > 0 && a.invoiceIds.some((id) => collectedInvoices.has(id)),
        settle: null,
        settleAmount: null,
      });
    }
  else for (const a of input.accounting) outside.accounting.push(a.id);

  for (const c of [...input.charges].sort((x, y) => x.id.localeCompare(y.id))) {
    if (usedCharges.has(c.id)) continue;
    if (!inWindow(c.createdOn, input)) {
      outside.charges.push(c.id);
      continue;
    }
    const net = chargeNet(c);
    groups.push({
      accounting: null,
      accountingAmount: null,
      alsoKinds: [],
      charge: c,
      currency: c.currency,
      expectedAccountingAmount: null,
      expectedGatewayAmount: null,
      gatewayAmount: net,
      kind: net === 0 ? null : 'charge_only_at_gateway',
      occurredOn: c.createdOn,
      organizationId: c.organizationId,
      possibleDoublePayment: false,
      settle: null,
      settleAmount: null,
    });
  }
  return { groups, outside };
}

function dayNumber(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

export interface ReconSideTotal {
  count: number;
  amount: number;
}

export interface ReconTotals {
  settle: ReconSideTotal;
  accounting: ReconSideTotal;
  gateway: ReconSideTotal;
  matched: ReconSideTotal;
  differences: { count: number; byKind: Record<ReconciliationDifferenceKind, number> };
}

/** Each side's records and amounts, the matched groups (by Settle's amount), the differences by kind. */
export function reconTotals(groups: readonly ReconGroup[]): ReconTotals {
  const byKind = Object.fromEntries(RECONCILIATION_DIFFERENCE_KINDS.map((k) => [k, 0])) as Record<
    ReconciliationDifferenceKind,
    number
  >;
  const totals: ReconTotals = {
    accounting: { amount: 0, count: 0 },
    differences: { byKind, count: 0 },
    gateway: { amount: 0, count: 0 },
    matched: { amount: 0, count: 0 },
    settle: { amount: 0, count: 0 },
  };
  for (const g of groups) {
    if (g.settleAmount !== null) {
      totals.settle.count += 1;
      totals.settle.amount += g.settleAmount;
    }
    if (g.accountingAmount !== null) {
      totals.accounting.count += 1;
      totals.accounting.amount += g.accountingAmount;
    }
    if (g.gatewayAmount !== null) {
      totals.gateway.count += 1;
      totals.gateway.amount += g.gatewayAmount;
    }
    if (g.kind === null) {
      totals.matched.count += 1;
      totals.matched.amount += g.settleAmount ?? 0;
    } else {
      totals.differences.count += 1;
      byKind[g.kind] += 1;
    }
  }
  return totals;
}
