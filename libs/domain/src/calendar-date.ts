/**
 * Calendar dates are `YYYY-MM-DD` strings, not `Date`s: a due date is a day on the MSP's
 * calendar, and a `Date` drags an instant and a time zone along that shift it by one day
 * depending on where the code runs. Valid strings compare chronologically as plain strings.
 */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export class CalendarDateError extends Error {
  override name = 'CalendarDateError';
}

// Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
function utcMidnight(date: string): number | undefined {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  // Reject dates JavaScript would roll over, such as 2025-02-30 becoming 2025-03-02.
  if (
    utc.getUTCFullYear() !== year ||
    utc.getUTCMonth() !== month - 1 ||
    utc.getUTCDate() !== day
  ) {
    return undefined;
  }
  return utc.getTime();
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && utcMidnight(value) !== undefined;
}

export function assertCalendarDate(value: unknown): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new CalendarDateError(
      `Expected a calendar date YYYY-MM-DD, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`,
    );
  }
  return value;
}

/** Whole calendar days from `from` to `to`; negative when `to` is earlier. Immune to DST. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const start = utcMidnight(assertCalendarDate(from)) as number;
  const end = utcMidnight(assertCalendarDate(to)) as number;
  // Both are UTC midnights, so the difference is an exact multiple of a day.
  return (end - start) / MS_PER_DAY;
}

/**
 * Today's date on the calendar of an IANA time zone: "past due" is decided by the MSP's
 * calendar, not the server's. Throws RangeError for an unknown zone or an invalid instant.
 */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayIn needs a valid Date');
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  // Built from parts, because the 'en-CA' pattern is ICU data that has changed before.
  return assertCalendarDate(`${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`);
}
