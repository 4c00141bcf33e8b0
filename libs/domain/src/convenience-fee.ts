import { assertMinorUnits, MoneyError, percentOf } from './money';
import { RefundError } from './refund-allocation';

/** A surcharge on card payments, in basis points of the amount (300 = 3%), optionally capped. */
export interface ConvenienceFeePolicy {
  percentBasisPoints: number;
  /** Largest fee in minor units, or null for no cap. */
  capMinor: number | null;
}

export const PAYMENT_METHOD_KINDS = ['card', 'us_bank_account'] as const;
export type PaymentMethodKind = (typeof PAYMENT_METHOD_KINDS)[number];

export type ConvenienceFeeErrorCode = 'invalid_policy' | 'unknown_method_kind';

export class ConvenienceFeeError extends Error {
  override name = 'ConvenienceFeeError';

  constructor(
    readonly code: ConvenienceFeeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const BASIS_POINTS_PER_WHOLE = 10_000;

function assertPolicy(policy: ConvenienceFeePolicy): void {
  const { percentBasisPoints: bps, capMinor } = policy;
  // A fee above the amount itself is a typo in the settings, not a policy.
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > BASIS_POINTS_PER_WHOLE) {
    throw new ConvenienceFeeError(
      'invalid_policy',
      `Fee basis points must be an integer from 0 to ${BASIS_POINTS_PER_WHOLE}, got ${bps}`,
    );
  }
  if (capMinor !== null && (!Number.isSafeInteger(capMinor) || capMinor < 0)) {
    throw new ConvenienceFeeError(
      'invalid_policy',
      `Fee cap must be null or a non-negative integer of minor units, got ${capMinor}`,
    );
  }
}

/**
 * The convenience fee on a payment of `amount`. Only cards carry one: card networks let a
 * merchant pass their cost on as a surcharge, while an ACH debit costs cents and surcharging it
 * would push customers back to cards. Rounded half up like the processor's own fee (see
 * `percentOf`), then capped. A bad policy throws even when no fee is due, so a misconfiguration
 * shows up on the first payment rather than on the first card payment.
 */
export function convenienceFee(
  amount: number,
  kind: PaymentMethodKind,
  policy: ConvenienceFeePolicy | null,
  waived: boolean,
): number {
  assertMinorUnits(amount);
  if (!(PAYMENT_METHOD_KINDS as readonly string[]).includes(kind)) {
    // An unknown kind is a bug upstream; guessing "no fee" or "fee" would both hide it.
    throw new ConvenienceFeeError('unknown_method_kind', `Unknown payment method kind ${kind}`);
  }
  if (policy === null) return 0;
  assertPolicy(policy);
  if (waived || kind !== 'card') return 0;
  const fee = percentOf(amount, policy.percentBasisPoints);
  return policy.capMinor === null ? fee : Math.min(fee, policy.capMinor);
}

/**
 * The part of a payment's fee that goes back with a refund of `refundAmount`.
 *
 * Computed on the cumulative refund, not on this refund alone: the fee refunded so far after
 * this refund is the fee's share of everything refunded so far, rounded half up, and this refund
 * gets the difference. Rounding each refund on its own would let the pennies drift, so that the
 * fee refunds of a payment refunded in parts could sum to more or less than the fee. The refund
 * that empties the payment takes whatever fee is left, so the fee refunds always sum exactly to
 * the fee, whatever `feeRefunded` was recorded before (e.g. by an older rule). A refund out of
 * range throws the same RefundError('over_refundable') as `allocateRefund`.
 */
export function feeRefundFor(
  payment: { amount: number; fee: number; amountRefunded: number; feeRefunded: number },
  refundAmount: number,
): number {
  const amount = assertMinorUnits(payment.amount);
  const fee = assertMinorUnits(payment.fee);
  const amountRefunded = assertMinorUnits(payment.amountRefunded);
  const feeRefunded = assertMinorUnits(payment.feeRefunded);
  if (!Number.isSafeInteger(refundAmount)) {
    throw new MoneyError(`Refund is not a safe integer number of minor units: ${refundAmount}`);
  }
  if (amountRefunded > amount || feeRefunded > fee) {
    throw new RefundError(
      'over_refundable',
      `Payment already refunded beyond itself: ${amountRefunded} of ${amount}, fee ${feeRefunded} of ${fee}`,
      0,
    );
  }
  const refundable = amount - amountRefunded;
  if (refundAmount <= 0 || refundAmount > refundable) {
    throw new RefundError(
      'over_refundable',
      `A refund must be from 1 to the refundable ${refundable}, got ${refundAmount}`,
      refundable,
    );
  }
  const feeLeft = fee - feeRefunded;
  if (refundAmount === refundable) return feeLeft;
  const refundedAfter = BigInt(amountRefunded + refundAmount);
  // fee × refunded / amount, half up, exactly: the product can pass 2^53.
  const share = Number((2n * BigInt(fee) * refundedAfter + BigInt(amount)) / (2n * BigInt(amount)));
  return Math.min(feeLeft, Math.max(0, share - feeRefunded));
}
