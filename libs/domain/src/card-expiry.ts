import { assertCalendarDate, CalendarDate } from './calendar-date';

export class CardExpiryError extends Error {
  override name = 'CardExpiryError';
  readonly code = 'invalid_expiry';
}

// Four-digit years only: a two-digit 25 would silently mean the year 25 and read as expired.
function expiryMonth(expMonth: number, expYear: number): string {
  if (!Number.isSafeInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw new CardExpiryError(`Expiry month must be 1–12, got ${expMonth}`);
  }
  if (!Number.isSafeInteger(expYear) || expYear < 1000 || expYear > 9999) {
    throw new CardExpiryError(`Expiry year must have four digits, got ${expYear}`);
  }
  return `${expYear}-${String(expMonth).padStart(2, '0')}`;
}

/**
 * A card printed 03/27 works through the last day of March 2027, so it is expired only from the
 * first day of the next month. `today` is on the MSP's calendar (see `todayIn`).
 */
export function isCardExpired(expMonth: number, expYear: number, today: CalendarDate): boolean {
  // 'YYYY-MM' strings compare chronologically, like whole dates.
  return assertCalendarDate(today).slice(0, 7) > expiryMonth(expMonth, expYear);
}
