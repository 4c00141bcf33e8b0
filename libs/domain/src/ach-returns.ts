/** The NACHA return reasons Settle knows how to explain, and whether a retry may succeed. */
export type AchReturnCode =
  'R01' | 'R02' | 'R03' | 'R04' | 'R05' | 'R07' | 'R08' | 'R09' | 'R10' | 'R16' | 'R20' | 'R29';

export interface AchReturnCodeInfo {
  description: string;
  /**
   * Only R01 and R09 (not enough money today) may clear on a later debit; NACHA allows up to two
   * re-presentments for them. Every other return means the account or the authorization is
   * unusable, and debiting it again is a rules violation, not a retry.
   */
  retryable: boolean;
}

const entry = (description: string, retryable = false): AchReturnCodeInfo =>
  Object.freeze({ description, retryable });

const ACH_RETURN_CODES: Record<string, AchReturnCodeInfo> = Object.freeze({
  R01: entry('Insufficient funds', true),
  R02: entry('Account closed'),
  R03: entry('No account, or unable to locate account'),
  R04: entry('Invalid account number'),
  R05: entry('Unauthorized debit to a consumer account using a corporate entry class'),
  R07: entry('Authorization revoked by the customer'),
  R08: entry('Payment stopped'),
  R09: entry('Uncollected funds', true),
  R10: entry('Customer advises the debit was not authorized'),
  R16: entry('Account frozen'),
  R20: entry('Non-transaction account'),
  R29: entry('Corporate customer advises the debit was not authorized'),
} satisfies Record<AchReturnCode, AchReturnCodeInfo>);

// Stripe reports ACH debit failures with its own codes; these are the ones that correspond to
// exactly one return reason. Anything else (e.g. a generic failure) has no honest R-code.
const STRIPE_TO_RETURN_CODE: Readonly<Record<string, AchReturnCode>> = Object.freeze({
  insufficient_funds: 'R01',
  account_closed: 'R02',
  no_account: 'R03',
  invalid_account_number: 'R04',
  debit_not_authorized: 'R10',
  bank_account_restricted: 'R16',
});

/** The NACHA return code for a Stripe ACH failure code, or null when there is no single one. */
export function stripeFailureToReturnCode(code: string | null | undefined): AchReturnCode | null {
  if (typeof code !== 'string') return null;
  const key = code.trim().toLowerCase();
  // Own properties only: 'constructor' or 'toString' must not map to anything.
  return Object.hasOwn(STRIPE_TO_RETURN_CODE, key) ? STRIPE_TO_RETURN_CODE[key] : null;
}

/** The known entry for a return code, accepting 'r01' or ' R01 ' as banks and files vary. */
export function achReturnCodeInfo(code: string | null | undefined): AchReturnCodeInfo | null {
  if (typeof code !== 'string') return null;
  const key = code.trim().toUpperCase();
  return Object.hasOwn(ACH_RETURN_CODES, key) ? ACH_RETURN_CODES[key] : null;
}

/**
 * A human description of a return code, or null for a code not in ACH_RETURN_CODES, so that the
 * caller can fall back on the gateway's own message rather than show a made-up one.
 */
export function describeReturnCode(code: string | null | undefined): string | null {
  return achReturnCodeInfo(code)?.description ?? null;
}
