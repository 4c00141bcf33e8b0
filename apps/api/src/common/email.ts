/** Emails are kept lower-cased and trimmed, so that one person is one row whatever they type. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
