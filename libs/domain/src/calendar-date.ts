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
  const parts = dayFormat(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  // Built from parts, because the 'en-CA' pattern is ICU data that has changed before.
  return assertCalendarDate(`${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`);
}

// Building an Intl.DateTimeFormat costs far more than using one; a process sees a few zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

function parts(date: CalendarDate): [year: number, month: number, day: number] {
  const match = CALENDAR_DATE.exec(assertCalendarDate(date)) as RegExpExecArray;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

// Four-digit years only: a five-digit or negative year would not match `YYYY-MM-DD` any more.
function format(year: number, month: number, day: number): CalendarDate {
  if (year < 0 || year > 9999) {
    throw new CalendarDateError(`Date out of range: year ${year} does not fit YYYY`);
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function assertWholeNumber(value: number, what: string): void {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be an integer, got ${value}`);
}

/** Days in a month (1–12) of the proleptic Gregorian calendar, which is also what `Date` uses. */
export function daysInMonth(year: number, month: number): number {
  assertWholeNumber(year, 'Year');
  if (!Number.isSafeInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Month must be 1–12, got ${month}`);
  }
  if (month === 2) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertWholeNumber(days, 'Days');
  const [year, month, day] = parts(date);
  // Day arithmetic on a UTC midnight: no time zone, so no DST day of 23 or 25 hours.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day + days);
  if (Number.isNaN(utc.getTime())) throw new CalendarDateError(`Date out of range: ${days} days`);
  return format(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
}

/**
 * `months` calendar months after `date` (before it when negative), keeping the day of the month
 * and clamping it to the end of shorter months: Jan 31 + 1 month is Feb 28 (29 in leap years).
 * Clamping does not carry over: for a series on the 31st, always add to the first date
 * (Jan 31 + 2 months = Mar 31), never to the previous clamped one (Feb 28 + 1 = Mar 28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  assertWholeNumber(months, 'Months');
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  if (newYear < 0 || newYear > 9999) {
    throw new CalendarDateError(`Date out of range: ${months} months after ${date}`);
  }
  return format(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}
