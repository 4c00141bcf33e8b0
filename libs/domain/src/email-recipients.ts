/**
 * Who an email goes to. Several sources name the same people (the payer, the default
 * notification contacts, addresses typed at checkout), so each address must receive one copy
 * however it was written, and a contact without a usable address is kept so the email can say
 * why it was not sent.
 */
export interface RecipientCandidate {
  /** As typed or stored; null when the source has none. */
  address: string | null;
  contactId: string | null;
  /** First name for the greeting; null when unknown. */
  name: string | null;
}

export interface Recipient {
  /** Trimmed and lower-cased; null when the candidate had no usable address. */
  address: string | null;
  /** The address as given, for the reason an unusable one is shown with. */
  given: string | null;
  contactId: string | null;
  name: string | null;
}

// Deliberately loose: one @, no spaces or angle brackets, a dot in the domain. The SMTP server
// is the judge of the rest; this only keeps out what can never be delivered.
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/;
const MAX_ADDRESS_LENGTH = 254;

export function normaliseAddress(address: string | null): string | null {
  if (address === null) return null;
  const trimmed = address.trim().toLowerCase();
  return trimmed.length <= MAX_ADDRESS_LENGTH && ADDRESS.test(trimmed) ? trimmed : null;
}

/**
 * One recipient per address, compared case-insensitively, in the order first named; a contact
 * named again (with any address) is the same recipient. When an address comes both from a contact
 * and typed by hand, the contact's details are kept. Candidates without a usable address stay, once
 * per contact, with `address: null`.
 */
export function mergeRecipients(candidates: readonly RecipientCandidate[]): Recipient[] {
  const merged: Recipient[] = [];
  for (const candidate of candidates) {
    const address = normaliseAddress(candidate.address);
    const same = merged.find(
      (r) =>
        (address !== null && r.address === address) ||
        (candidate.contactId !== null && r.contactId === candidate.contactId),
    );
    if (same) {
      same.contactId ??= candidate.contactId;
      same.name ??= candidate.name;
      continue;
    }
    merged.push({
      address,
      contactId: candidate.contactId,
      given: candidate.address,
      name: candidate.name,
    });
  }
  return merged;
}
