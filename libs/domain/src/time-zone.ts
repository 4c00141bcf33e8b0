import { assertCalendarDate, CalendarDate } from './calendar-date';

/** Milliseconds a time zone's wall clock is ahead of UTC at the instant `at`. */
export function timeZoneOffsetMs(timeZone: string, at: number): number {
  const parts = wallClock(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wallClockAsUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wallClockAsUtc - Math.floor(at / 1000) * 1000;
}

// Building an Intl.DateTimeFormat costs far more than using one; a process sees a few zones.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      minute: '2-digit',
      month: '2-digit',
      second: '2-digit',
      timeZone,
      year: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/**
 * The instant (epoch ms) a calendar day begins in a time zone: when a payment scheduled for that
 * day becomes due. Handles days whose offset differs from the day before (DST changes).
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): number {
  assertCalendarDate(date);
  const [y, m, d] = date.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const first = midnightUtc - timeZoneOffsetMs(timeZone, midnightUtc);
  const second = midnightUtc - timeZoneOffsetMs(timeZone, first);
  return second;
}

/** The hour (0–23) a time zone's wall clock shows at the instant `at`. */
export function hourIn(timeZone: string, at: number): number {
  const hour = wallClock(timeZone)
    .formatToParts(new Date(at))
    .find((p) => p.type === 'hour')!.value;
  return Number(hour);
}
