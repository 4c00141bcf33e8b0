import fc from 'fast-check';

import {
  CONTACT_TOKEN_PURPOSES,
  contactTokenExpiry,
  ContactTokenPurpose,
  isContactTokenPurpose,
} from './contact-tokens';

const HOUR_MS = 3_600_000;
const purpose = fc.constantFrom<ContactTokenPurpose>(...CONTACT_TOKEN_PURPOSES);
// Instants a server clock can plausibly show, to the millisecond.
const instant = fc
  .integer({ max: Date.UTC(2200, 0, 1), min: Date.UTC(1970, 0, 1) })
  .map((ms) => new Date(ms));

describe('contactTokenExpiry', () => {
  it('gives a welcome token seven days and a password reset token one hour, to the millisecond', () => {
    fc.assert(
      fc.property(instant, (issuedAt) => {
        expect(contactTokenExpiry('welcome', issuedAt).getTime() - issuedAt.getTime()).toBe(
          7 * 24 * HOUR_MS,
        );
        expect(contactTokenExpiry('password_reset', issuedAt).getTime() - issuedAt.getTime()).toBe(
          HOUR_MS,
        );
      }),
    );
  });

  it('moves with the issue time: a later token never expires earlier', () => {
    fc.assert(
      fc.property(purpose, instant, instant, (p, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(contactTokenExpiry(p, later).getTime()).toBeGreaterThanOrEqual(
          contactTokenExpiry(p, earlier).getTime(),
        );
        expect(
          contactTokenExpiry(p, later).getTime() - contactTokenExpiry(p, earlier).getTime(),
        ).toBe(later.getTime() - earlier.getTime());
      }),
    );
  });

  it('always lies after the issue time, and a reset link never outlives an invitation', () => {
    fc.assert(
      fc.property(purpose, instant, (p, issuedAt) => {
        expect(contactTokenExpiry(p, issuedAt).getTime()).toBeGreaterThan(issuedAt.getTime());
        expect(contactTokenExpiry('password_reset', issuedAt).getTime()).toBeLessThan(
          contactTokenExpiry('welcome', issuedAt).getTime(),
        );
      }),
    );
  });

  it('does not change the Date it was given', () => {
    fc.assert(
      fc.property(purpose, instant, (p, issuedAt) => {
        const before = issuedAt.getTime();
        contactTokenExpiry(p, issuedAt);
        expect(issuedAt.getTime()).toBe(before);
      }),
    );
  });

  it('refuses an invalid Date and an unknown purpose instead of returning Invalid Date', () => {
    expect(() => contactTokenExpiry('welcome', new Date(Number.NaN))).toThrow(RangeError);
    fc.assert(
      fc.property(
        fc.string().filter((s) => !isContactTokenPurpose(s)),
        instant,
        (unknown, issuedAt) => {
          expect(() => contactTokenExpiry(unknown as ContactTokenPurpose, issuedAt)).toThrow(
            RangeError,
          );
        },
      ),
    );
    expect(() => contactTokenExpiry('welcome', new Date(8.64e15))).toThrow(RangeError);
  });
});

describe('isContactTokenPurpose', () => {
  it('accepts exactly the two purposes', () => {
    expect(CONTACT_TOKEN_PURPOSES.every(isContactTokenPurpose)).toBe(true);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isContactTokenPurpose(value)).toBe(
          value === 'welcome' || value === 'password_reset',
        );
      }),
    );
  });
});
