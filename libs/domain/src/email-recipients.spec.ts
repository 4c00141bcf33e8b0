import fc from 'fast-check';

import { mergeRecipients, normaliseAddress, RecipientCandidate } from './email-recipients';

const local = fc.stringMatching(/^[a-z0-9._+-]{1,12}$/);
const domain = fc.constantFrom('example.com', 'acme.test', 'mail.example.org');
/** A valid address written in any mix of cases, maybe with spaces around it. */
const address = fc.tuple(local, domain, fc.boolean(), fc.boolean()).map(([l, d, upper, padded]) => {
  const raw = `${l}@${d}`;
  const cased = upper ? raw.toUpperCase() : raw;
  return padded ? `  ${cased} ` : cased;
});
const unusable = fc.constantFrom(null, '', 'not an address', 'dana@', '@acme.test', 'a b@c.d');
const contactId = fc.option(fc.constantFrom('c1', 'c2', 'c3', 'c4'), { nil: null });
const candidate: fc.Arbitrary<RecipientCandidate> = fc.record({
  address: fc.oneof(address, unusable),
  contactId,
  name: fc.option(fc.constantFrom('Dana', 'Lee'), { nil: null }),
});

describe('mergeRecipients', () => {
  it('never names one address twice, whatever the case or spacing it was given in', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (candidates) => {
        const addresses = mergeRecipients(candidates)
          .map((r) => r.address)
          .filter((a) => a !== null);
        expect(new Set(addresses).size).toBe(addresses.length);
      }),
    );
  });

  it('keeps every usable address, lower-cased and trimmed', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (candidates) => {
        const merged = mergeRecipients(candidates).map((r) => r.address);
        const merging = mergeRecipients(candidates);
        for (const c of candidates) {
          const normalised = normaliseAddress(c.address);
          if (normalised === null) continue;
          // Either the address itself, or its contact was already a recipient (the same person).
          const kept =
            merged.includes(normalised) ||
            (c.contactId !== null && merging.some((r) => r.contactId === c.contactId));
          expect(kept).toBe(true);
        }
      }),
    );
  });

  it('names each contact once and never invents one', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (candidates) => {
        const ids = mergeRecipients(candidates)
          .map((r) => r.contactId)
          .filter((id) => id !== null);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(candidates.some((c) => c.contactId === id)).toBe(true);
      }),
    );
  });

  it('is idempotent: merging the result again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (candidates) => {
        const once = mergeRecipients(candidates);
        const twice = mergeRecipients(
          once.map((r) => ({
            address: r.address ?? r.given,
            contactId: r.contactId,
            name: r.name,
          })),
        );
        expect(twice.map((r) => [r.address, r.contactId])).toEqual(
          once.map((r) => [r.address, r.contactId]),
        );
      }),
    );
  });

  it('prefers the contact when a typed address is also a contact', () => {
    expect(
      mergeRecipients([
        { address: 'AP@Acme.test', contactId: null, name: null },
        { address: 'ap@acme.test', contactId: 'c1', name: 'Dana' },
        { address: null, contactId: 'c2', name: 'Lee' },
        { address: 'broken', contactId: 'c2', name: null },
      ]),
    ).toEqual([
      { address: 'ap@acme.test', contactId: 'c1', given: 'AP@Acme.test', name: 'Dana' },
      { address: null, contactId: 'c2', given: null, name: 'Lee' },
    ]);
  });
});

describe('normaliseAddress', () => {
  it('accepts plain addresses and refuses what can never be delivered', () => {
    expect(normaliseAddress(' Dana@Example.COM ')).toBe('dana@example.com');
    for (const bad of ['', 'dana', 'dana@example', 'da na@example.com', 'a@b@c.d', '<a@b.c>'])
      expect(normaliseAddress(bad)).toBeNull();
    expect(normaliseAddress(`${'a'.repeat(250)}@b.co`)).toBeNull();
  });
});
