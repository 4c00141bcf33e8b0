import fc from 'fast-check';

import {
  assertCalendarDate,
  CalendarDateError,
  daysBetween,
  isCalendarDate,
  todayIn,
} from './calendar-date';

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
