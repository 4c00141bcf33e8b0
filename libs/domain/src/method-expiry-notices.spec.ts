import fc from 'fast-check';

import { addDays, daysBetween } from './calendar-date';
import { CardExpiryError, isCardExpired } from './card-expiry';
import {
  cardLastValidDay,
  expiryMonthsWithNotices,
  METHOD_EXPIRED_NOTICE_DAYS,
  METHOD_EXPIRING_NOTICE_DAYS,
  methodExpiryNoticeDue,
} from './method-expiry-notices';

describe('methodExpiryNoticeDue', () => {
  it('warns from 30 days before the last valid day, then says expired for 30 days', () => {
    expect(cardLastValidDay(3, 2027)).toBe('2027-03-31');
    expect(cardLastValidDay(2, 2028)).toBe('2028-02-29');
    expect(methodExpiryNoticeDue(3, 2027, '2027-02-28')).toBeNull();
    expect(methodExpiryNoticeDue(3, 2027, '2027-03-01')).toEqual({
      lastValidDay: '2027-03-31',
      step: 'expiring:2027-03',
      type: 'method_expiring',
    });
    expect(methodExpiryNoticeDue(3, 2027, '2027-03-31')?.type).toBe('method_expiring');
    expect(methodExpiryNoticeDue(3, 2027, '2027-04-01')).toEqual({
      lastValidDay: '2027-03-31',
      step: 'expired:2027-03',
      type: 'method_expired',
    });
    expect(methodExpiryNoticeDue(3, 2027, '2027-04-30')?.type).toBe('method_expired');
    expect(methodExpiryNoticeDue(3, 2027, '2027-05-01')).toBeNull();
  });

  it('refuses a malformed expiry', () => {
    expect(() => methodExpiryNoticeDue(13, 2027, '2027-01-01')).toThrow(CardExpiryError);
    expect(() => methodExpiryNoticeDue(1, 27, '2027-01-01')).toThrow(CardExpiryError);
  });
});

const today = fc.integer({ min: 0, max: 9_000 }).map((offset) => addDays('2010-01-01', offset));
const expiry = fc.record({
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2009, max: 2036 }),
});

describe('methodExpiryNoticeDue (properties)', () => {
  it('agrees with isCardExpired and stays inside its windows', () => {
    fc.assert(
      fc.property(expiry, today, ({ month, year }, day) => {
        const notice = methodExpiryNoticeDue(month, year, day);
        const last = cardLastValidDay(month, year);
        const distance = daysBetween(day, last);
        if (isCardExpired(month, year, day)) {
          expect(notice?.type ?? null).toBe(
            -distance <= METHOD_EXPIRED_NOTICE_DAYS ? 'method_expired' : null,
          );
        } else {
          expect(notice?.type ?? null).toBe(
            distance <= METHOD_EXPIRING_NOTICE_DAYS ? 'method_expiring' : null,
          );
        }
      }),
    );
  });

  it('run daily, sends at most one of each kind per expiry, expiring before expired', () => {
    fc.assert(
      fc.property(expiry, ({ month, year }) => {
        const last = cardLastValidDay(month, year);
        const steps: string[] = [];
        for (let offset = -90; offset <= 90; offset++) {
          const step = methodExpiryNoticeDue(month, year, addDays(last, offset))?.step;
          if (step && steps.at(-1) !== step) steps.push(step);
        }
        const expiry = last.slice(0, 7);
        expect(steps).toEqual([`expiring:${expiry}`, `expired:${expiry}`]);
      }),
    );
  });

  it('narrows to exactly the expiry months that have a notice due', () => {
    fc.assert(
      fc.property(today, (day) => {
        const narrowed = expiryMonthsWithNotices(day);
        for (let offset = -24; offset <= 24; offset++) {
          const [y, m] = addDays(day, offset * 31)
            .split('-')
            .map(Number);
          const listed = narrowed.some((e) => e.expMonth === m && e.expYear === y);
          expect(listed).toBe(methodExpiryNoticeDue(m, y, day) !== null);
        }
      }),
    );
  });
});
