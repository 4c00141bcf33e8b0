import { CalendarDate, todayIn } from '@settle/domain';

const DATE = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
  year: 'numeric',
});

/** "Dec 1, 2026": how emails and statements write a calendar date. */
export function displayDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return DATE.format(new Date(Date.UTC(year, month - 1, day)));
}

/** The calendar day an instant falls on in the MSP's time zone, written as `displayDate`. */
export function displayDay(instant: Date | string, timeZone: string): string {
  return displayDate(todayIn(timeZone, new Date(instant)));
}

/** "Dec 1, 2026, 9:14 AM" in the MSP's time zone: when something happened, for staff. */
export function displayDateTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    month: 'short',
    timeZone,
    year: 'numeric',
  }).format(instant);
}

/** The greeting's name: the first name, when the contact has one worth using. */
export function greetingName(firstName: string | null | undefined): string | null {
  const name = firstName?.trim();
  return name ? name : null;
}
