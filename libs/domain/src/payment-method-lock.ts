/**
 * After this many failed charges in a row a method is locked: a method that keeps failing is
 * costing gateway fees and, for cards, risks the merchant being flagged for card testing.
 */
export const LOCK_AFTER_CONSECUTIVE_FAILURES = 15;

/** The `lockedReason` of a method locked by the failure count rather than by one failure. */
export const TOO_MANY_FAILURES = 'too_many_failures';

export type MethodStatus = 'active' | 'expired' | 'locked';

export interface MethodState {
  status: MethodStatus;
  consecutiveFailures: number;
}

export type MethodChargeOutcome = { succeeded: true } | { succeeded: false; code: string | null };

/**
 * Failures after which charging the method again is pointless or harmful, so it is locked at
 * once. Card decline codes (Stripe's `decline_code`, not the generic `card_declined` code):
 * retrying a lost, stolen or fraudulent card is exactly what card-testing detection looks for.
 * ACH: every return that says the account or authorization is gone; NACHA forbids debiting
 * again after those. Only R01/R09 (insufficient or uncollected funds) are not here.
 */
const CRITICAL_FAILURE_CODES: ReadonlySet<string> = new Set(
  [
    'lost_card',
    'stolen_card',
    'pickup_card',
    'restricted_card',
    'fraudulent',
    'R02',
    'R03',
    'R04',
    'R05',
    'R07',
    'R08',
    'R10',
    'R16',
    'R20',
    'R29',
    'account_closed',
    'no_account',
    'invalid_account_number',
    'debit_not_authorized',
    'bank_account_restricted',
  ].map((code) => code.toLowerCase()),
);

/** Case and surrounding space are ignored: gateways and bank files are not consistent. */
export function isCriticalFailureCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && CRITICAL_FAILURE_CODES.has(code.trim().toLowerCase());
}

/**
 * A method's state after a charge. A success clears the failure count but never unlocks or
 * un-expires: unlocking is a person's decision, and expiry follows the card's date. A failure
 * counts, and locks on a critical code or on the LOCK_AFTER_CONSECUTIVE_FAILURES-th in a row.
 * `lockedReason` is set only when this outcome locks the method (the failure code, or
 * TOO_MANY_FAILURES), so the caller knows to stamp `lockedAt` and tell someone exactly once.
 */
export function nextMethodState(
  state: MethodState,
  outcome: MethodChargeOutcome,
): MethodState & { lockedReason: string | null } {
  const { status, consecutiveFailures } = state;
  if (!['active', 'expired', 'locked'].includes(status)) {
    throw new RangeError(`Unknown payment method status ${String(status)}`);
  }
  if (!Number.isSafeInteger(consecutiveFailures) || consecutiveFailures < 0) {
    throw new RangeError(
      `Consecutive failures must be a non-negative integer, got ${consecutiveFailures}`,
    );
  }
  if (outcome.succeeded) return { status, consecutiveFailures: 0, lockedReason: null };
  const failures = consecutiveFailures + 1;
  if (status === 'locked') return { status, consecutiveFailures: failures, lockedReason: null };
  if (isCriticalFailureCode(outcome.code)) {
    return {
      status: 'locked',
      consecutiveFailures: failures,
      lockedReason: (outcome.code as string).trim(),
    };
  }
  if (failures >= LOCK_AFTER_CONSECUTIVE_FAILURES) {
    return { status: 'locked', consecutiveFailures: failures, lockedReason: TOO_MANY_FAILURES };
  }
  return { status, consecutiveFailures: failures, lockedReason: null };
}
