import { dictionary } from '@zxcvbn-ts/language-common';

import { AppException } from '../../common/errors/app.exception';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** zxcvbn's list of the most common passwords seen in breaches, lower-cased; built on first use. */
let commonPasswords: Set<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why this password may not be set, or null. Leading and trailing whitespace does not count
 * towards the length, so padding cannot make a short password long enough, and a password made
 * only of whitespace is refused by name. The password itself is kept as typed. With the
 * account's email, a password that is that email (in any case) is refused too.
 */
export function passwordProblem(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const trimmed = password.trim();
  if (!trimmed) return 'must not be only whitespace';
  if (trimmed.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters, not counting whitespace at either end`;
  if (isCommon(trimmed)) return 'is one of the most common passwords; choose another';
  if (email && trimmed.toLowerCase() === email.trim().toLowerCase())
    return 'must not be your email address';
  return null;
}

/**
 * For a password set where the DTO cannot see the account's email (a reset by id, a link's
 * token): a 400 naming `password`, like the validator's.
 */
export function assertPasswordAllowed(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw AppException.invalidField('password', problem);
}
