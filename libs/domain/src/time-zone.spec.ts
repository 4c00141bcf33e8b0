import fc from 'fast-check';

import { todayIn } from './calendar-date';
import { hourIn, startOfDayIn, timeZoneOffsetMs } from './time-zone';

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

describe('hourIn', () => {
  it("reads the zone's wall clock, DST included", () => {
    expect(hourIn('America/Chicago', Date.parse('2026-11-24T14:30:00Z'))).toBe(8);
    expect(hourIn('America/Chicago', Date.parse('2026-07-01T13:30:00Z'))).toBe(8);
    expect(hourIn('UTC', Date.parse('2026-07-01T00:00:00Z'))).toBe(0);
  });

  it('is the hour of the offset-shifted instant (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ max: new Date('2035-12-31'), min: new Date('2020-01-01'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          const at = instant.getTime();
          const wall = new Date(at + timeZoneOffsetMs(zone, at));
          expect(hourIn(zone, at)).toBe(wall.getUTCHours());
        },
      ),
    );
  });
});
