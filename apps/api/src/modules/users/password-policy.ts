import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;

/** zxcvbn's list of the most common passwords seen in breaches, lower-cased; built on first use. */
let commonPasswords: Set<string> | undefined;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why staff may not set this password, or null. Leading and trailing whitespace does not count
 * towards the length, so padding cannot make a short password long enough, and a password made
 * only of whitespace is refused by name. The password itself is kept as typed.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  const trimmed = password.trim();
  if (!trimmed) return 'must not be only whitespace';
  if (trimmed.length < PASSWORD_MIN_LENGTH)
    return `must be at least ${PASSWORD_MIN_LENGTH} characters, not counting whitespace at either end`;
  if (isCommon(trimmed)) return 'is one of the most common passwords; choose another';
  return null;
}
