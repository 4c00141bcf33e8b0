import fc from 'fast-check';

import { todayIn } from './calendar-date';
import { startOfDayIn } from './time-zone';

const ZONES = [
  'UTC',
  'America/Chicago',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Pacific/Auckland',
];

describe('startOfDayIn', () => {
  it('is midnight UTC for UTC', () => {
    expect(new Date(startOfDayIn('2026-11-24', 'UTC')).toISOString()).toBe(
      '2026-11-24T00:00:00.000Z',
    );
  });

  it('is 06:00 UTC in Chicago in winter and 05:00 in summer', () => {
    expect(new Date(startOfDayIn('2026-11-24', 'America/Chicago')).toISOString()).toBe(
      '2026-11-24T06:00:00.000Z',
    );
    expect(new Date(startOfDayIn('2026-07-01', 'America/Chicago')).toISOString()).toBe(
      '2026-07-01T05:00:00.000Z',
    );
  });

  it('falls on that day in the zone, and a millisecond earlier is the day before', () => {
    fc.assert(
      fc.property(
        fc.date({ max: new Date('2035-12-31'), min: new Date('2020-01-01'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const day = todayIn(zone, instant);
          const start = startOfDayIn(day, zone);
          expect(todayIn(zone, new Date(start))).toBe(day);
          expect(todayIn(zone, new Date(start - 1))).not.toBe(day);
        },
      ),
    );
  });
});
