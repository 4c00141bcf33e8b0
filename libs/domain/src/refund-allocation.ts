import { assertMinorUnits, MoneyError } from './money';

export type RefundErrorCode = 'over_refundable' | 'over_refunded_allocation' | 'duplicate_invoice';

export class RefundError extends Error {
  override name = 'RefundError';

  constructor(
    readonly code: RefundErrorCode,
    message: string,
    /** What could still be refunded, for `over_refundable`. */
    readonly refundable?: number,
  ) {
    super(message);
  }
}

/**
 * Which invoices a refund of `amount` gives money back to: the payment's allocations from the
 * last to the first, each up to what is left of it. Last first because allocations are
 * normally oldest invoice first, so a partial refund reopens the newest invoice and leaves the
 * oldest, most overdue one paid. Results are in the allocations' order, without zero rows.
 * A zero or negative refund is refused with the same code as too large a one: both ask for an
 * amount that is not between 1 and what is refundable.
 */
export function allocateRefund(
  allocations: readonly { invoiceId: string; amount: number; amountRefunded: number }[],
  amount: number,
): { invoiceId: string; amount: number }[] {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError(`Refund is not a safe integer number of minor units: ${amount}`);
  }
  const seen = new Set<string>();
  let refundable = 0;
  const left = allocations.map(({ invoiceId, amount: allocated, amountRefunded }) => {
    if (seen.has(invoiceId)) {
      throw new RefundError('duplicate_invoice', `Invoice ${invoiceId} appears more than once`);
    }
    seen.add(invoiceId);
    if (assertMinorUnits(amountRefunded) > assertMinorUnits(allocated)) {
      throw new RefundError(
        'over_refunded_allocation',
        `Invoice ${invoiceId} has ${amountRefunded} refunded of an allocation of ${allocated}`,
      );
    }
    refundable += allocated - amountRefunded;
    if (!Number.isSafeInteger(refundable)) throw new MoneyError('Total overflows a safe integer');
    return allocated - amountRefunded;
  });
  if (amount <= 0 || amount > refundable) {
    throw new RefundError(
      'over_refundable',
      `A refund must be from 1 to the refundable ${refundable}, got ${amount}`,
      refundable,
    );
  }
  const parts = new Array<number>(allocations.length).fill(0);
  let remaining = amount;
  for (let i = allocations.length - 1; i >= 0 && remaining > 0; i--) {
    parts[i] = Math.min(remaining, left[i]);
    remaining -= parts[i];
  }
  return allocations
    .map(({ invoiceId }, i) => ({ invoiceId, amount: parts[i] }))
    .filter((part) => part.amount > 0);
}
