import { randomInt } from 'node:crypto';

import { authenticator } from 'otplib';

import { sha256Hex } from '../../common/crypto';

/** RFC 6238 with the authenticator apps' defaults: SHA-1, 6 digits, 30 s steps. */
const STEP_SECONDS = 30;

/** One step either side is accepted, for clocks a little off. */
const totp = authenticator.clone({ step: STEP_SECONDS, window: 1 });

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: easy to copy from paper. 10 of 31 symbols is about 50 bits. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newTotpSecret(): string {
  return totp.generateSecret(20);
}

export function otpauthUrl(account: string, issuer: string, secret: string): string {
  return totp.keyuri(account, issuer, secret);
}

/**
 * The time step a code belongs to, if it is valid for the secret now (within a step either
 * way), or null. Steps only grow, so a caller refuses any step at or before the last one used.
 */
export function totpStep(secret: string, code: string, now: number = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const current = Math.floor(now / 1000 / STEP_SECONDS);
  for (const delta of [-1, 0, 1]) {
    const step = current + delta;
    const expected = totp.clone({ epoch: step * STEP_SECONDS * 1000 }).generate(secret);
    if (expected === token) return step;
  }
  return null;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a recovery code is typed back. */
export function recoveryCodeHash(code: string): string {
  return sha256Hex(code.toLowerCase().replace(/[\s-]/g, ''));
}
