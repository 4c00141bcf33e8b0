/**
 * A payment's accounting sync: whether (and how) Settle still has to record it in the accounting
 * package. `not_applicable` when no accounting integration pushed payments when it succeeded;
 * `pending` while a push (or, after a refund or ACH return, its reversal) waits or is retried;
 * `synced` once the package has it (with its external id); `failed` when the package refused it
 * for good, with the source's error and a diagnosed cause; `dismissed` when staff recorded it by
 * hand and told Settle to stop (final for pushing).
 */
export const ACCOUNTING_SYNC_STATUSES = [
  'not_applicable',
  'pending',
  'synced',
  'failed',
  'dismissed',
] as const;
export type AccountingSyncStatus = (typeof ACCOUNTING_SYNC_STATUSES)[number];

/**
 * What a pending payment waits for: its push, the reversal of a pushed payment (refunded in full
 * or returned), or the adjustment of a pushed payment to what is left of it after partial refunds.
 *
 * The adjustment is a sparse update of the accounting package's payment (QuickBooks: `POST
 * /payment` with `Id`, `SyncToken`, `sparse: true`): its total becomes the amount net of refunds
 * and each line the invoice's allocation net of what was refunded to it, the lines Settle's
 * refunds chose (allocateRefund: last allocation first). The package then re-opens each invoice by
 * exactly what Settle's refund re-opened, so both keep the same balances. A RefundReceipt (or a
 * credit memo with a refund) would record the money going out but leave the invoices paid in
 * accounting while Settle shows them owed again; the two balances would disagree until staff
 * fixed them by hand. The adjustment is declarative (the amounts Settle has now, read when the
 * push is claimed), so a second partial refund before it is sent is folded into it, and a retry
 * sends the same amounts again.
 */
export const ACCOUNTING_SYNC_ACTIONS = ['push', 'reverse', 'adjust'] as const;
export type AccountingSyncAction = (typeof ACCOUNTING_SYNC_ACTIONS)[number];

/**
 * Why the accounting package refused a payment, diagnosed where the source lets us (QuickBooks
 * fault codes in brackets): invoice_deleted (610), invoice_not_linkable (620), period_closed
 * (6210), business_rule (6000), authorization (401 / 120).
 */
export const ACCOUNTING_SYNC_CAUSES = [
  'invoice_deleted',
  'invoice_not_linkable',
  'already_paid_by_hand',
  'credit_memo_applied',
  'left_unapplied',
  'period_closed',
  'business_rule',
  'not_linked',
  'authorization',
  'unknown',
] as const;
export type AccountingSyncCause = (typeof ACCOUNTING_SYNC_CAUSES)[number];

export function isAccountingSyncStatus(value: unknown): value is AccountingSyncStatus {
  return (
    typeof value === 'string' && (ACCOUNTING_SYNC_STATUSES as readonly string[]).includes(value)
  );
}

export function isAccountingSyncCause(value: unknown): value is AccountingSyncCause {
  return typeof value === 'string' && (ACCOUNTING_SYNC_CAUSES as readonly string[]).includes(value);
}

const TRANSITIONS: Readonly<Record<AccountingSyncStatus, readonly AccountingSyncStatus[]>> = {
  // → pending to push when it succeeds with a push-active integration; to reverse when a push
  // still in flight when the money went back reached accounting after all.
  not_applicable: ['pending'],
  // pending → pending is a retry scheduled after a retryable failure (or a push that reached
  // accounting after a partial refund, now to be adjusted; or an adjustment that became a
  // reversal when the rest was refunded); → not_applicable when the money went back before it
  // ever reached accounting (nothing left to record).
  pending: ['synced', 'failed', 'pending', 'dismissed', 'not_applicable'],
  failed: ['pending', 'dismissed', 'not_applicable'],
  synced: ['pending'],
  dismissed: [],
};

/**
 * Whether the accounting sync may move from `from` to `to` for a pending `action`. From synced
 * only a reversal or an adjustment is queued; only a push that never reached accounting can become
 * not applicable.
 */
export function canAccountingSyncTransition(
  from: AccountingSyncStatus,
  to: AccountingSyncStatus,
  action: AccountingSyncAction,
): boolean {
  if (!isAccountingSyncStatus(from) || !isAccountingSyncStatus(to)) return false;
  if (!(ACCOUNTING_SYNC_ACTIONS as readonly string[]).includes(action)) return false;
  if (!TRANSITIONS[from].includes(to)) return false;
  if (from === 'synced') return action === 'reverse' || action === 'adjust';
  // only a payment accounting has is adjusted, and a not applicable one was never pushed
  if (from === 'not_applicable') return action !== 'adjust';
  if (to === 'not_applicable') return action === 'push';
  return true;
}

export class AccountingSyncTransitionError extends Error {
  override name = 'AccountingSyncTransitionError';

  constructor(
    readonly from: AccountingSyncStatus,
    readonly to: AccountingSyncStatus,
    readonly action: AccountingSyncAction,
  ) {
    super(`A payment's accounting sync cannot go from ${from} to ${to} (${action})`);
  }
}

export function assertAccountingSyncTransition(
  from: AccountingSyncStatus,
  to: AccountingSyncStatus,
  action: AccountingSyncAction,
): void {
  if (!canAccountingSyncTransition(from, to, action))
    throw new AccountingSyncTransitionError(from, to, action);
}

/**
 * The sync state a payment takes when it succeeds: pending (to be pushed) when an accounting
 * integration pushes payments, otherwise not applicable.
 */
export function accountingSyncOnSuccess(pushActive: boolean): AccountingSyncStatus {
  return pushActive ? 'pending' : 'not_applicable';
}

/**
 * What a refund in full or an ACH return does to the sync: a synced payment must be reversed in
 * accounting, and so must one whose adjustment (after a partial refund) waits or fails, since
 * accounting has it; one never recorded there (waiting, or failing, to be pushed) has nothing
 * left to record; anything else (not applicable, dismissed, a reversal already queued) stays.
 */
export function accountingSyncOnMoneyBack(state: {
  status: AccountingSyncStatus;
  action: AccountingSyncAction | null;
}): { status: AccountingSyncStatus; action: AccountingSyncAction } | null {
  if (state.status === 'synced') return { action: 'reverse', status: 'pending' };
  if ((state.status === 'pending' || state.status === 'failed') && state.action === 'adjust')
    return { action: 'reverse', status: 'pending' };
  if ((state.status === 'pending' || state.status === 'failed') && state.action !== 'reverse')
    return { action: 'push', status: 'not_applicable' };
  return null;
}

/**
 * What a partial refund (some of the payment stays with the customer's invoices) does to the
 * sync: a payment accounting has (synced, or synced and adjusted before) is adjusted there to
 * what is left; anything else stays as it is: a push still to come sends what is left by itself,
 * a queued adjustment sends the newest amounts, a failing one does when staff retry it, and a
 * queued reversal, a dismissed or a not applicable payment have nothing to adjust.
 */
export function accountingSyncOnPartialRefund(state: {
  status: AccountingSyncStatus;
  action: AccountingSyncAction | null;
}): { status: AccountingSyncStatus; action: AccountingSyncAction } | null {
  if (state.status === 'synced' && state.action !== 'reverse')
    return { action: 'adjust', status: 'pending' };
  return null;
}

/**
 * Whether accounting already counts the payment, so Settle no longer holds it on its invoices: a
 * push that synced (the invoices took accounting's lower balance when it did), one staff
 * dismissed (recorded there by hand), any payment on its way back out of accounting, and one
 * being adjusted after a partial refund (accounting has it; the adjustment re-opens its
 * invoices there and Settle takes their balances back). Money going back to the customer then
 * releases nothing more; until then, Settle's hold is what keeps the invoice from being paid twice.
 */
export function accountingCountsPayment(
  status: AccountingSyncStatus,
  action: AccountingSyncAction | null,
): boolean {
  return (
    action === 'reverse' || action === 'adjust' || status === 'synced' || status === 'dismissed'
  );
}

/**
 * Minutes to wait after the 1st, 2nd, … retryable failure: 1 min, 5 min, 30 min, 2 h, 6 h. A
 * retryable failure after the last step (ACCOUNTING_SYNC_MAX_ATTEMPTS attempts in all) is final.
 */
export const ACCOUNTING_SYNC_RETRY_STEPS = [1, 5, 30, 120, 360] as const;
export const ACCOUNTING_SYNC_MAX_ATTEMPTS = ACCOUNTING_SYNC_RETRY_STEPS.length + 1;

/** How long a claimed push is leased to its worker: a crashed worker's push is retried after it. */
export const ACCOUNTING_SYNC_LEASE_MS = 5 * 60_000;

/**
 * When to try again after `attempts` attempts (≥ 1) of which the last failed retryably at
 * `failedAt`, or null when the attempts ran out and the payment becomes failed.
 */
export function nextAccountingSyncAttempt(
  attempts: number,
  failedAt: Date,
  stepMs = 60_000,
): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1 || attempts >= ACCOUNTING_SYNC_MAX_ATTEMPTS)
    return null;
  return new Date(failedAt.getTime() + ACCOUNTING_SYNC_RETRY_STEPS[attempts - 1] * stepMs);
}

/**
 * The causes a later accounting sync can resolve by itself: a credit memo un-applied in the
 * source, a customer or invoice linked since. The push job re-checks failed payments with them.
 * @public for the accounting push job
 */
export const ACCOUNTING_SYNC_RECHECK_CAUSES: readonly AccountingSyncCause[] = [
  'credit_memo_applied',
  'not_linked',
];

/**
 * The cause of a QuickBooks Online fault code (or HTTP status), where the code tells it.
 * @public for the accounting push job
 */
export function accountingSyncCauseOfCode(code: string | number | null): AccountingSyncCause {
  switch (String(code ?? '')) {
    case '610':
      return 'invoice_deleted';
    case '620':
      return 'invoice_not_linkable';
    case '6210':
      return 'period_closed';
    case '6000':
      return 'business_rule';
    case '401':
    case '120':
      return 'authorization';
    default:
      return 'unknown';
  }
}

/** A cause in staff's words: a short label, what happened, and what to do about it. */
export interface AccountingSyncCauseWords {
  label: string;
  happened: string;
  whatToDo: string;
}

const DISMISS_AFTER_RECORDING =
  'Record the payment by hand in your accounting package, then Dismiss Syncing so Settle stops sending it.';

export const ACCOUNTING_SYNC_CAUSE_WORDS: Readonly<
  Record<AccountingSyncCause, AccountingSyncCauseWords>
> = {
  already_paid_by_hand: {
    happened: 'The invoice was already paid in your accounting package, probably by hand.',
    label: 'Already paid in accounting',
    whatToDo:
      'If someone recorded this payment by hand, Dismiss Syncing; Hide it from the portal if the customer should not see it twice.',
  },
  authorization: {
    happened: 'The accounting package refused Settle’s credentials (disconnected or expired).',
    label: 'Accounting connection refused',
    whatToDo: 'Reconnect the accounting integration, then Retry.',
  },
  business_rule: {
    happened: 'The accounting package refused the payment under one of its business rules.',
    label: 'Refused by an accounting rule',
    whatToDo: `Read the error below and fix the invoice or customer in accounting, then Retry; or: ${DISMISS_AFTER_RECORDING}`,
  },
  credit_memo_applied: {
    happened:
      'A credit memo was applied to the invoice after the payment, so the payment no longer fits its balance.',
    label: 'Credit memo applied',
    whatToDo:
      'Un-apply the credit memo in accounting; the payment syncs by itself on the next sync and the credit stays available for another invoice.',
  },
  invoice_deleted: {
    happened: 'An invoice of the payment was deleted (or deleted and recreated) in accounting.',
    label: 'Invoice deleted',
    whatToDo: `Recreate the received payment in accounting against the current invoice. ${DISMISS_AFTER_RECORDING}`,
  },
  invoice_not_linkable: {
    happened:
      'The payment cannot be applied to an invoice that accounting has changed (recreated, voided or re-linked).',
    label: 'Invoice changed in accounting',
    whatToDo: `Recreate the received payment in accounting against the current invoice. ${DISMISS_AFTER_RECORDING}`,
  },
  left_unapplied: {
    happened:
      'Accounting accepted the payment but left it unapplied (the invoice belongs to another customer there).',
    label: 'Left unapplied',
    whatToDo:
      'Apply the payment to the invoice in accounting (or fix the customer link on the Entities page), then Dismiss Syncing.',
  },
  not_linked: {
    happened:
      'The organization or an invoice of the payment has no link to the accounting package.',
    label: 'Not linked to accounting',
    whatToDo:
      'Link the organization and its invoices on the Entities page; the payment syncs by itself on the next sync.',
  },
  period_closed: {
    happened: 'The accounting period of the payment’s date is closed.',
    label: 'Accounting period closed',
    whatToDo: `Reopen the period and Retry, or: ${DISMISS_AFTER_RECORDING}`,
  },
  unknown: {
    happened: 'The accounting package refused the payment for a reason Settle does not recognise.',
    label: 'Refused by accounting',
    whatToDo: `Check the error below. If this is isolated, ${DISMISS_AFTER_RECORDING[0].toLowerCase()}${DISMISS_AFTER_RECORDING.slice(1)} If many payments fail, check the integration's settings.`,
  },
};

/** Staff are alerted when one in this many recent pushed payments fails, or more (seed 004: 10%). */
export const ACCOUNTING_SYNC_ALERT_ONE_IN = 10;
/** "Recent" for that share. */
export const ACCOUNTING_SYNC_ALERT_WINDOW_DAYS = 30;

/**
 * Whether `failing` of `pushed` recent payments (those the accounting package was asked to take)
 * is the 10% or more that calls for attention. No pushes, no alert; counts are whole numbers.
 */
export function accountingSyncFailingAlert(counts: { pushed: number; failing: number }): boolean {
  const { failing, pushed } = counts;
  if (!Number.isInteger(pushed) || !Number.isInteger(failing)) return false;
  if (pushed <= 0 || failing <= 0) return false;
  // In integers, so the 10% boundary is exact.
  return failing * ACCOUNTING_SYNC_ALERT_ONE_IN >= pushed;
}
