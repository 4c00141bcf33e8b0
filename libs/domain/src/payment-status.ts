/**
 * A payment's lifecycle. `scheduled` and `pending_approval` (AutoPay waiting for a person) are
 * promises: no money has moved. `processing` has been sent to the gateway (ACH takes days);
 * `returned` is an ACH debit the bank sent back, or a card charge disputed away, after it
 * looked successful. A partial refund leaves a payment `succeeded`; `refunded` is all of it.
 */
export const PAYMENT_STATUSES = [
  'scheduled',
  'pending_approval',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'returned',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  // A promise fails without a charge when its payment method is gone or locked by its run date.
  scheduled: ['processing', 'cancelled', 'failed'],
  pending_approval: ['processing', 'cancelled', 'failed'],
  processing: ['succeeded', 'failed', 'returned'],
  succeeded: ['returned', 'refunded'],
  failed: [],
  cancelled: [],
  returned: [],
  refunded: [],
};

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
}

/**
 * Whether a payment may move from `from` to `to`. Staying put is not a transition, and unknown
 * statuses answer false rather than throw, so a guard can simply refuse. A failed payment is
 * never revived: a retry is a new payment, so the history of each charge stays as it happened.
 */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return isPaymentStatus(from) && isPaymentStatus(to) && TRANSITIONS[from].includes(to);
}

export class PaymentTransitionError extends Error {
  override name = 'PaymentTransitionError';

  constructor(
    readonly from: PaymentStatus,
    readonly to: PaymentStatus,
  ) {
    super(`A payment cannot go from ${from} to ${to}`);
  }
}

/** The one gate every payment status change passes: throws unless the move is designed. */
export function assertTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransition(from, to)) throw new PaymentTransitionError(from, to);
}

/** Money promised but not taken: reducible or cancellable by the overpayment guard. */
export function isTentative(status: PaymentStatus): boolean {
  return status === 'scheduled' || status === 'pending_approval';
}

/**
 * Whether the payment's allocations (net of refunds) lower the invoice's open balance. Processing
 * counts although the money may still fail or come back: letting the customer pay the same
 * invoice twice meanwhile is worse than showing it paid for a few days. Tentative payments do
 * not count; the overpayment guard keeps them within the balance instead.
 */
export function holdsInvoiceBalance(status: PaymentStatus): boolean {
  return status === 'processing' || status === 'succeeded';
}

/**
 * How a payment counts in a calendar day's totals: `collected` once it succeeded, `expected` while
 * it is promised or on its way (scheduled, awaiting approval, processing), and `null` when it is
 * not money at all (declined, cancelled, returned, refunded: listed, never added).
 */
export function collectedOrExpected(status: PaymentStatus): 'collected' | 'expected' | null {
  if (status === 'succeeded') return 'collected';
  if (status === 'scheduled' || status === 'pending_approval' || status === 'processing')
    return 'expected';
  return null;
}
