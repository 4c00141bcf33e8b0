import fc from 'fast-check';

import {
  addDays,
  addMonths,
  assertCalendarDate,
  CalendarDateError,
  daysBetween,
  daysInMonth,
  isCalendarDate,
  todayIn,
} from './calendar-date';

const anyDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2200-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('isCalendarDate', () => {
  it('accepts real dates, including leap days and years before 100', () => {
    for (const d of ['2024-02-29', '2025-12-31', '0050-01-01', '2000-02-29']) {
      expect(isCalendarDate(d)).toBe(true);
    }
  });

  it('rejects impossible or malformed dates rather than rolling them over', () => {
    for (const d of [
      '2025-02-29',
      '1900-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-1-1',
      '2025-01-01T00:00',
      '',
      20250101,
    ]) {
      expect(isCalendarDate(d)).toBe(false);
    }
    expect(() => assertCalendarDate('2025-02-30')).toThrow(CalendarDateError);
  });
});

describe('daysBetween', () => {
  it('counts calendar days, negative when going backwards', () => {
    expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
    expect(daysBetween('2025-01-31', '2025-01-01')).toBe(-30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
  });

  it('is a whole number of days across DST changes', () => {
    // US DST starts 2025-03-09 and ends 2025-11-02: a 23 h and a 25 h local day.
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
    expect(daysBetween('2025-11-01', '2025-11-03')).toBe(2);
  });

  it('is additive and antisymmetric (property)', () => {
    const date = fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(Number.isInteger(daysBetween(a, b))).toBe(true);
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0);
      }),
    );
  });

  it('rejects invalid dates', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(CalendarDateError);
  });
});

describe('todayIn', () => {
  it('is still yesterday in Chicago just after midnight UTC', () => {
    const justAfterMidnightUtc = new Date('2025-01-15T00:30:00Z');
    expect(todayIn('UTC', justAfterMidnightUtc)).toBe('2025-01-15');
    expect(todayIn('America/Chicago', justAfterMidnightUtc)).toBe('2025-01-14');
    // 05:59 UTC is 23:59 CST; 06:00 UTC is midnight in Chicago.
    expect(todayIn('America/Chicago', new Date('2025-01-15T05:59:59Z'))).toBe('2025-01-14');
    expect(todayIn('America/Chicago', new Date('2025-01-15T06:00:00Z'))).toBe('2025-01-15');
  });

  it('is already tomorrow in Auckland just before midnight UTC', () => {
    const justBeforeMidnightUtc = new Date('2025-01-14T23:30:00Z');
    expect(todayIn('UTC', justBeforeMidnightUtc)).toBe('2025-01-14');
    expect(todayIn('Pacific/Auckland', justBeforeMidnightUtc)).toBe('2025-01-15');
    // NZDT is UTC+13 in January: 10:59 UTC is 23:59, 11:00 UTC is the next midnight.
    expect(todayIn('Pacific/Auckland', new Date('2025-01-15T10:59:59Z'))).toBe('2025-01-15');
    expect(todayIn('Pacific/Auckland', new Date('2025-01-15T11:00:00Z'))).toBe('2025-01-16');
  });

  it('follows daylight saving time', () => {
    // CDT (UTC-5) in July: midnight in Chicago is 05:00 UTC, not 06:00.
    expect(todayIn('America/Chicago', new Date('2025-07-15T04:59:59Z'))).toBe('2025-07-14');
    expect(todayIn('America/Chicago', new Date('2025-07-15T05:00:00Z'))).toBe('2025-07-15');
  });

  it('rejects an unknown time zone or an invalid date', () => {
    expect(() => todayIn('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => todayIn('UTC', new Date(NaN))).toThrow(RangeError);
  });

  it('defaults to now', () => {
    expect(isCalendarDate(todayIn('America/Chicago'))).toBe(true);
  });
});

describe('daysInMonth', () => {
  it('knows month lengths and the Gregorian leap years', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => daysInMonth(2025, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2025, 13)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('2025-03-08', 7)).toBe('2025-03-15');
  });

  it('refuses a fractional count or a result beyond year 9999', () => {
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(CalendarDateError);
    expect(() => addDays('2025-02-30', 1)).toThrow(CalendarDateError);
  });

  it('moves by exactly that many days (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const later = addDays(date, days);
        expect(isCalendarDate(later)).toBe(true);
        expect(daysBetween(date, later)).toBe(days);
      }),
    );
  });
});

describe('addMonths', () => {
  it('keeps the day, clamping to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 2)).toBe('2025-03-31');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('refuses a fractional count or a result beyond year 9999', () => {
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(CalendarDateError);
    expect(() => addMonths('0000-01-01', -1)).toThrow(CalendarDateError);
  });

  it('lands in the right month on the same or the last day (property)', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -1200, max: 1200 }), (date, months) => {
        const later = addMonths(date, months);
        expect(isCalendarDate(later)).toBe(true);
        const [y, m, d] = date.split('-').map(Number);
        const [ly, lm, ld] = later.split('-').map(Number);
        expect(ly * 12 + lm - (y * 12 + m)).toBe(months);
        expect(ld).toBe(Math.min(d, daysInMonth(ly, lm)));
        // Months are increasing in the count: a series from one anchor never repeats a date.
        if (months !== 0) expect(Math.sign(daysBetween(date, later))).toBe(Math.sign(months));
      }),
    );
  });
});
