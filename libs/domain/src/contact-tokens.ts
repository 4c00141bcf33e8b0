/** What a contact token lets its holder do: accept an invitation, or set a new password. */
export const CONTACT_TOKEN_PURPOSES = ['welcome', 'password_reset'] as const;
export type ContactTokenPurpose = (typeof CONTACT_TOKEN_PURPOSES)[number];

const HOUR_MS = 3_600_000;

/**
 * An invitation waits a week for someone back from holiday; a reset link is asked for by the
 * person about to use it, so an hour is plenty and a leaked one is useless soon after.
 */
export const CONTACT_TOKEN_LIFETIME_MS: Readonly<Record<ContactTokenPurpose, number>> = {
  password_reset: HOUR_MS,
  welcome: 7 * 24 * HOUR_MS,
};

export function isContactTokenPurpose(value: unknown): value is ContactTokenPurpose {
  return (CONTACT_TOKEN_PURPOSES as readonly unknown[]).includes(value);
}

/** The instant a token of `purpose` issued at `issuedAt` stops working. */
export function contactTokenExpiry(purpose: ContactTokenPurpose, issuedAt: Date): Date {
  if (!isContactTokenPurpose(purpose)) {
    throw new RangeError(`Unknown contact token purpose: ${JSON.stringify(purpose)}`);
  }
  const issued = issuedAt.getTime();
  if (Number.isNaN(issued)) throw new RangeError('contactTokenExpiry needs a valid Date');
  const expiry = new Date(issued + CONTACT_TOKEN_LIFETIME_MS[purpose]);
  if (Number.isNaN(expiry.getTime())) throw new RangeError('Token expiry is out of range');
  return expiry;
}
