import { addDays, addMonths, assertCalendarDate, CalendarDate, daysBetween } from './calendar-date';
import { isCardExpired } from './card-expiry';

/** The warning starts this many days before a card's last valid day. */
export const METHOD_EXPIRING_NOTICE_DAYS = 30;
/**
 * How long after expiring a card still gets its "expired" notice: turning notices on must not
 * mail about every card that died years ago and still sits on file.
 */
export const METHOD_EXPIRED_NOTICE_DAYS = 30;

export type MethodExpiryNoticeType = 'method_expiring' | 'method_expired';

export interface MethodExpiryNotice {
  type: MethodExpiryNoticeType;
  /** `expiring:2027-03` / `expired:2027-03`: once per expiry, a new one after the card is updated. */
  step: string;
  /** The last day the card works (the end of its expiry month). */
  lastValidDay: CalendarDate;
}

/** The last calendar day a card printed `expMonth/expYear` works. */
export function cardLastValidDay(expMonth: number, expYear: number): CalendarDate {
  // isCardExpired validates the expiry (four-digit year, month 1–12) for us.
  isCardExpired(expMonth, expYear, '2000-01-01');
  const first = `${String(expYear).padStart(4, '0')}-${String(expMonth).padStart(2, '0')}-01`;
  return addDays(addMonths(first, 1), -1);
}

/**
 * The expiry notice a card is due today, or null: `method_expiring` from
 * METHOD_EXPIRING_NOTICE_DAYS before its last valid day through that day, `method_expired` for
 * METHOD_EXPIRED_NOTICE_DAYS after it. A job that missed the whole warning window sends only
 * the expired one.
 */
export function methodExpiryNoticeDue(
  expMonth: number,
  expYear: number,
  today: CalendarDate,
): MethodExpiryNotice | null {
  assertCalendarDate(today);
  const lastValidDay = cardLastValidDay(expMonth, expYear);
  const expiry = lastValidDay.slice(0, 7);
  if (isCardExpired(expMonth, expYear, today)) {
    return daysBetween(lastValidDay, today) <= METHOD_EXPIRED_NOTICE_DAYS
      ? { lastValidDay, step: `expired:${expiry}`, type: 'method_expired' }
      : null;
  }
  return daysBetween(today, lastValidDay) <= METHOD_EXPIRING_NOTICE_DAYS
    ? { lastValidDay, step: `expiring:${expiry}`, type: 'method_expiring' }
    : null;
}

/**
 * The expiry months (`{expYear, expMonth}`) that can have a notice due today: what a query
 * narrows cards to before the rule above decides per card.
 */
export function expiryMonthsWithNotices(
  today: CalendarDate,
): Array<{ expMonth: number; expYear: number }> {
  assertCalendarDate(today);
  const months: Array<{ expMonth: number; expYear: number }> = [];
  // The window spans at most 61 days either side of today, so three months back and forward
  // cover it; the rule itself drops the months outside.
  for (let offset = -3; offset <= 3; offset++) {
    const [year, month] = addMonths(`${today.slice(0, 7)}-01`, offset)
      .split('-')
      .map(Number);
    // A card's expiry year has four digits.
    if (year < 1000 || year > 9999) continue;
    if (methodExpiryNoticeDue(month, year, today)) months.push({ expMonth: month, expYear: year });
  }
  return months;
}
