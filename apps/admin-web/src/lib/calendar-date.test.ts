import { describe, expect, it } from 'vitest';

import { addDays, addMonths, isCalendarDate, monthGrid, todayIn } from './calendar-date';

describe('calendar dates', () => {
  it('today is taken in the MSP time zone', () => {
    const at = new Date('2026-11-02T03:00:00Z');
    expect(todayIn('UTC', at)).toBe('2026-11-02');
    expect(todayIn('America/Chicago', at)).toBe('2026-11-01');
  });

  it('adds days and months across boundaries (and DST)', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('builds whole weeks, Sunday first', () => {
    const nov = monthGrid('2026-11'); // Nov 1 2026 is a Sunday
    expect(nov[0]![0]).toBe('2026-11-01');
    expect(nov.at(-1)![6]).toBe('2026-12-05');
    expect(nov).toHaveLength(5);
    const dec = monthGrid('2026-12'); // Dec 1 2026 is a Tuesday
    expect(dec[0]![0]).toBe('2026-11-29');
    expect(dec.at(-1)![6]).toBe('2027-01-02');
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('26-2-3')).toBe(false);
  });
});
