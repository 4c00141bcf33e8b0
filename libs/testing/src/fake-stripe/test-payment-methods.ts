/**
 * Stripe's well-known test PaymentMethod ids (integrations.md 5.7) and how each behaves when
 * charged. Attaching one yields a fresh `pm_…` that keeps the behaviour, as in real test mode.
 */

export interface CardDecline {
  code: string;
  declineCode: string;
  message: string;
}

export interface TestCard {
  type: 'card';
  brand: string;
  last4: string;
  funding: string;
  /** Absent: the charge succeeds. */
  decline?: CardDecline;
  /** Off-session charges fail with authentication_required; on-session ones need 3DS. */
  requiresAuthentication?: boolean;
}

export type BankSettlement =
  | { outcome: 'succeed' }
  | { outcome: 'stay_processing' }
  | { outcome: 'dispute' }
  | { outcome: 'fail'; failureCode: string; message: string };

export interface TestBankAccount {
  type: 'us_bank_account';
  last4: string;
  settlement: BankSettlement;
}

export type TestBehaviour = TestCard | TestBankAccount;

const declined = (last4: string, decline: CardDecline): TestCard => ({
  type: 'card',
  brand: 'visa',
  last4,
  funding: 'credit',
  decline,
});

const bankFailure = (last4: string, failureCode: string, message: string): TestBankAccount => ({
  type: 'us_bank_account',
  last4,
  settlement: { outcome: 'fail', failureCode, message },
});

export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestBehaviour>> = {
  pm_card_visa: { type: 'card', brand: 'visa', last4: '4242', funding: 'credit' },
  pm_card_mastercard: { type: 'card', brand: 'mastercard', last4: '4444', funding: 'credit' },
  pm_card_chargeDeclined: declined('0002', {
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  }),
  pm_card_chargeDeclinedInsufficientFunds: declined('9995', {
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  }),
  pm_card_chargeDeclinedLostCard: declined('9987', {
    code: 'card_declined',
    declineCode: 'lost_card',
    message: 'Your card was declined.',
  }),
  pm_card_chargeDeclinedExpiredCard: declined('0069', {
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  }),
  pm_card_chargeDeclinedProcessingError: declined('0119', {
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  }),
  pm_card_authenticationRequired: {
    type: 'card',
    brand: 'visa',
    last4: '3184',
    funding: 'credit',
    requiresAuthentication: true,
  },
  pm_usBankAccount_success: {
    type: 'us_bank_account',
    last4: '6789',
    settlement: { outcome: 'succeed' },
  },
  pm_usBankAccount_accountClosed: bankFailure(
    '1113',
    'account_closed',
    "The customer's bank account has been closed.",
  ),
  pm_usBankAccount_noAccount: bankFailure(
    '1116',
    'no_account',
    "The customer's bank account could not be located.",
  ),
  pm_usBankAccount_insufficientFunds: bankFailure(
    '2227',
    'insufficient_funds',
    "The customer's account has insufficient funds to cover this payment.",
  ),
  pm_usBankAccount_debitNotAuthorized: bankFailure(
    '3335',
    'debit_not_authorized',
    'The customer has notified their bank that this payment was unauthorized.',
  ),
  pm_usBankAccount_processing: {
    type: 'us_bank_account',
    last4: '0009',
    settlement: { outcome: 'stay_processing' },
  },
  pm_usBankAccount_dispute: {
    type: 'us_bank_account',
    last4: '5559',
    settlement: { outcome: 'dispute' },
  },
};

export const AUTHENTICATION_REQUIRED: CardDecline = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

/** Own-property lookup, so ids like `constructor` never resolve to Object.prototype members. */
export function testBehaviour(id: string): TestBehaviour | undefined {
  return Object.hasOwn(TEST_PAYMENT_METHODS, id) ? TEST_PAYMENT_METHODS[id] : undefined;
}
