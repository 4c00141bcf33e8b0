import { PaymentMethodKind } from '@settle/domain';

export interface SandboxTestMethod {
  token: string;
  label: string;
  type: PaymentMethodKind;
  brand: string;
  last4: string;
  /** What a charge does: settle, decline with a code, or (bank) come back with an R-code. */
  outcome:
    | { kind: 'succeed' }
    | { kind: 'decline'; code: string; message: string }
    | { kind: 'return'; returnCode: string; message: string }
    /** The charge is made but the answer is lost once: the unknown-outcome path. */
    | { kind: 'lose-first-response' };
}

const card = (
  token: string,
  label: string,
  brand: string,
  last4: string,
  outcome: SandboxTestMethod['outcome'],
): SandboxTestMethod => ({ brand, label, last4, outcome, token, type: 'card' });
const bank = (
  token: string,
  label: string,
  last4: string,
  outcome: SandboxTestMethod['outcome'],
): SandboxTestMethod => ({
  brand: 'STRIPE TEST BANK',
  label,
  last4,
  outcome,
  token,
  type: 'us_bank_account',
});

/** Modelled on Stripe's test payment methods (docs/design.md, "The sandbox gateway's test payment methods"). */
export const SANDBOX_TEST_METHODS: SandboxTestMethod[] = [
  card('pm_card_visa', 'Visa — succeeds', 'visa', '4242', { kind: 'succeed' }),
  card('pm_card_mastercard', 'Mastercard — succeeds', 'mastercard', '4444', { kind: 'succeed' }),
  card('pm_card_chargeDeclined', 'Visa — declined', 'visa', '0002', {
    code: 'card_declined',
    kind: 'decline',
    message: 'Your card was declined.',
  }),
  card('pm_card_chargeDeclinedInsufficientFunds', 'Visa — insufficient funds', 'visa', '9995', {
    code: 'insufficient_funds',
    kind: 'decline',
    message: 'Your card has insufficient funds.',
  }),
  card('pm_card_chargeDeclinedExpiredCard', 'Visa — expired card', 'visa', '0069', {
    code: 'expired_card',
    kind: 'decline',
    message: 'Your card has expired.',
  }),
  card(
    'pm_card_chargeDeclinedProcessingError',
    'Visa — processing error (retryable)',
    'visa',
    '0119',
    {
      code: 'processing_error',
      kind: 'decline',
      message: 'An error occurred while processing your card. Try again in a little bit.',
    },
  ),
  card('pm_card_chargeDeclinedLostCard', 'Visa — lost card (locks the method)', 'visa', '9987', {
    code: 'lost_card',
    kind: 'decline',
    message: 'Your card was declined.',
  }),
  card('pm_card_gatewayTimeout', 'Visa — gateway times out once, then succeeds', 'visa', '0341', {
    kind: 'lose-first-response',
  }),
  bank('pm_usBankAccount_success', 'Bank account — settles', '6789', { kind: 'succeed' }),
  bank('pm_usBankAccount_insufficientFunds', 'Bank account — returned R01', '2227', {
    kind: 'return',
    message: 'Insufficient funds',
    returnCode: 'R01',
  }),
  bank('pm_usBankAccount_accountClosed', 'Bank account — returned R02 (locks)', '1113', {
    kind: 'return',
    message: 'Account closed',
    returnCode: 'R02',
  }),
  bank('pm_usBankAccount_noAccount', 'Bank account — returned R03 (locks)', '1116', {
    kind: 'return',
    message: 'No account / unable to locate account',
    returnCode: 'R03',
  }),
];

export function sandboxTestMethod(token: string): SandboxTestMethod | undefined {
  return SANDBOX_TEST_METHODS.find((m) => m.token === token);
}
