import fc from 'fast-check';

import { addDays, addMonths, CalendarDateError } from './calendar-date';
import { CardExpiryError, isCardExpired } from './card-expiry';

describe('isCardExpired', () => {
  it('keeps a card valid through the last day of its expiry month', () => {
    expect(isCardExpired(2, 2024, '2024-02-29')).toBe(false);
    expect(isCardExpired(2, 2024, '2024-03-01')).toBe(true);
    expect(isCardExpired(12, 2025, '2025-12-31')).toBe(false);
    expect(isCardExpired(12, 2025, '2026-01-01')).toBe(true);
    expect(isCardExpired(1, 2026, '2025-12-31')).toBe(false);
    expect(isCardExpired(10, 2025, '2025-09-30')).toBe(false);
  });

  it('refuses a malformed expiry or date', () => {
    for (const [month, year] of [
      [0, 2025],
      [13, 2025],
      [1.5, 2025],
      [1, 25],
      [1, 20255],
    ]) {
      expect(() => isCardExpired(month, year, '2025-01-01')).toThrow(CardExpiryError);
    }
    expect(() => isCardExpired(1, 2025, '2025/01/01')).toThrow(CalendarDateError);
  });
});

describe('isCardExpired over any date (property)', () => {
  it('is expired exactly after the last day of the expiry month', () => {
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2040 }),
        date,
        (month, year, today) => {
          const first = `${year}-${String(month).padStart(2, '0')}-01`;
          const lastValid = addDays(addMonths(first, 1), -1);
          expect(isCardExpired(month, year, today)).toBe(today > lastValid);
        },
      ),
    );
  });
});
