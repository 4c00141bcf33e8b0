import { assertCalendarDate, CalendarDate } from './calendar-date';
import { assertMinorUnits, MoneyError } from './money';

/** One invoice's share of a scheduled or AutoPay-pending payment: money promised, not taken. */
export interface TentativeAllocation {
  paymentId: string;
  invoiceId: string;
  amount: number;
  runDate: CalendarDate;
  /** ISO 8601 instant; breaks ties between payments that run on the same day. */
  createdAt: string;
}

export interface NewAllocation {
  invoiceId: string;
  amount: number;
}

export interface GuardAdjustment {
  paymentId: string;
  invoiceId: string;
  fromAmount: number;
  toAmount: number;
}

export interface PaymentAdjustment {
  paymentId: string;
  /** The payment's whole amount, over all its invoices, before and after the adjustments. */
  fromAmount: number;
  toAmount: number;
  /** Nothing is left to charge: the payment is to be cancelled rather than run for 0. */
  cancelled: boolean;
}

export type OverpaymentErrorCode =
  'over_open_balance' | 'unknown_invoice' | 'duplicate_allocation' | 'unknown_allocation';

export interface OverpaymentErrorDetails {
  invoiceId?: string;
  paymentId?: string;
  requested?: number;
  available?: number;
}

const MESSAGES: Record<OverpaymentErrorCode, (d: OverpaymentErrorDetails) => string> = {
  over_open_balance: (d) =>
    `${d.requested} exceeds the open balance of ${d.available} on invoice ${d.invoiceId}`,
  unknown_invoice: (d) => `No open balance given for invoice ${d.invoiceId}`,
  duplicate_allocation: (d) => `Payment ${d.paymentId} allocates to invoice ${d.invoiceId} twice`,
  unknown_allocation: (d) =>
    `Payment ${d.paymentId} has no current allocation of ${d.requested} to invoice ${d.invoiceId}`,
};

export class OverpaymentError extends Error {
  override name = 'OverpaymentError';
  readonly invoiceId?: string;
  readonly paymentId?: string;
  readonly requested?: number;
  readonly available?: number;

  constructor(
    readonly code: OverpaymentErrorCode,
    details: OverpaymentErrorDetails = {},
  ) {
    super(MESSAGES[code](details));
    this.invoiceId = details.invoiceId;
    this.paymentId = details.paymentId;
    this.requested = details.requested;
    this.available = details.available;
  }
}

/** A tentative allocation with its creation instant parsed for ordering. */
type Queued = Omit<TentativeAllocation, 'createdAt'> & { createdAt: number };

function checkedAdd(a: number, b: number): number {
  const total = a + b;
  if (!Number.isSafeInteger(total)) throw new MoneyError('Total overflows a safe integer');
  return total;
}

function instant(iso: string): number {
  const time = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) throw new RangeError(`createdAt is not an ISO instant: ${String(iso)}`);
  return time;
}

function allocationKey(a: { paymentId: string; invoiceId: string }): string {
  return JSON.stringify([a.paymentId, a.invoiceId]);
}

/**
 * Cut first what runs last: the payment due soonest is the one the customer is most likely
 * counting on, and the latest one is where the new payment most plainly takes its place.
 * Instants are compared as numbers, because ISO strings with and without milliseconds or with
 * different offsets do not sort as text. The payment id makes the order total.
 */
function latestFirst(a: Queued, b: Queued): number {
  if (a.runDate !== b.runDate) return a.runDate > b.runDate ? -1 : 1;
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.paymentId === b.paymentId ? 0 : a.paymentId > b.paymentId ? -1 : 1;
}

/**
 * Keeps a new payment plus the scheduled and AutoPay-pending payments on the same invoices
 * within each invoice's open balance, by reducing those tentative payments as little as needed.
 *
 * Checked invoices: every invoice in `openBalances` (so the same call also trims tentative
 * payments after the source system lowered a balance, with no new allocations). Tentative
 * allocations to invoices with no open balance given are left alone: nothing is known about
 * them. The new allocations are never reduced (the payer is looking at them); if one alone is
 * above the open balance this throws instead. Several new allocations to one invoice are summed.
 *
 * Returns one adjustment per reduced allocation, in the order they were cut; an allocation may
 * go to 0. Per invoice the total cut is exactly the excess, never more.
 */
export function guardOverpayment(
  openBalances: ReadonlyMap<string, number>,
  newAllocations: readonly NewAllocation[],
  tentative: readonly TentativeAllocation[],
): GuardAdjustment[] {
  const requested = new Map<string, number>();
  for (const { invoiceId, amount } of newAllocations) {
    if (!openBalances.has(invoiceId)) throw new OverpaymentError('unknown_invoice', { invoiceId });
    requested.set(invoiceId, checkedAdd(requested.get(invoiceId) ?? 0, assertMinorUnits(amount)));
  }
  const byInvoice = new Map<string, Queued[]>();
  const seen = new Set<string>();
  for (const allocation of tentative) {
    const { paymentId, invoiceId } = allocation;
    const key = allocationKey(allocation);
    if (seen.has(key)) throw new OverpaymentError('duplicate_allocation', { paymentId, invoiceId });
    seen.add(key);
    assertMinorUnits(allocation.amount);
    assertCalendarDate(allocation.runDate);
    const parsed: Queued = { ...allocation, createdAt: instant(allocation.createdAt) };
    byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), parsed]);
  }
  // Invoices with a new allocation first, in request order, so adjustments come out stably.
  const invoiceIds = [...new Set([...requested.keys(), ...openBalances.keys()])];
  const adjustments: GuardAdjustment[] = [];
  for (const invoiceId of invoiceIds) {
    const available = assertMinorUnits(openBalances.get(invoiceId));
    const asked = requested.get(invoiceId) ?? 0;
    if (asked > available) {
      throw new OverpaymentError('over_open_balance', { invoiceId, requested: asked, available });
    }
    const queue = byInvoice.get(invoiceId) ?? [];
    let excess = queue.reduce((total, a) => checkedAdd(total, a.amount), asked) - available;
    for (const allocation of [...queue].sort(latestFirst)) {
      if (excess <= 0) break;
      const cut = Math.min(excess, allocation.amount);
      if (cut === 0) continue;
      adjustments.push({
        paymentId: allocation.paymentId,
        invoiceId,
        fromAmount: allocation.amount,
        toAmount: allocation.amount - cut,
      });
      excess -= cut;
    }
  }
  return adjustments;
}

/**
 * What the adjustments do to whole payments: a tentative payment may cover several invoices, and
 * it is the payment that gets re-charged for less (with its fee recomputed by the caller) or
 * cancelled. `current` must hold every allocation of each adjusted payment, not only those of
 * the guarded invoices, or the totals would be wrong. Payments come out in the order they first
 * appear in `adjustments`.
 */
export function adjustmentsByPayment(
  current: readonly TentativeAllocation[],
  adjustments: readonly GuardAdjustment[],
): PaymentAdjustment[] {
  const amounts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const allocation of current) {
    const key = allocationKey(allocation);
    if (amounts.has(key)) {
      throw new OverpaymentError('duplicate_allocation', {
        paymentId: allocation.paymentId,
        invoiceId: allocation.invoiceId,
      });
    }
    amounts.set(key, assertMinorUnits(allocation.amount));
    totals.set(
      allocation.paymentId,
      checkedAdd(totals.get(allocation.paymentId) ?? 0, allocation.amount),
    );
  }
  const cuts = new Map<string, number>();
  const applied = new Set<string>();
  for (const adjustment of adjustments) {
    const { paymentId, invoiceId, fromAmount, toAmount } = adjustment;
    const key = allocationKey(adjustment);
    // An adjustment computed from other amounts than the current ones is stale: applying it
    // would cut the wrong amount, so refuse it and let the caller guard again.
    if (amounts.get(key) !== fromAmount || applied.has(key)) {
      throw new OverpaymentError('unknown_allocation', {
        paymentId,
        invoiceId,
        requested: fromAmount,
      });
    }
    applied.add(key);
    if (assertMinorUnits(toAmount) > fromAmount) {
      throw new MoneyError(`An adjustment may only reduce: ${fromAmount} to ${toAmount}`);
    }
    cuts.set(paymentId, (cuts.get(paymentId) ?? 0) + fromAmount - toAmount);
  }
  return [...cuts].map(([paymentId, cut]) => {
    const fromAmount = totals.get(paymentId) as number;
    const toAmount = fromAmount - cut;
    return { paymentId, fromAmount, toAmount, cancelled: toAmount === 0 };
  });
}
