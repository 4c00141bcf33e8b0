import { CalendarDate, daysBetween } from './calendar-date';
import { assertMinorUnits, MoneyError } from './money';

export const AGING_BUCKETS = [
  'current',
  'days1to30',
  'days31to60',
  'days61to90',
  'days90plus',
] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export type AgingBuckets = Record<AgingBucket | 'total', number>;

/**
 * The bucket for an invoice `daysPastDue` days after its due date. Due today or later is
 * current. `days90plus` starts at 91 because day 90 already belongs to 61–90.
 */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (!Number.isSafeInteger(daysPastDue)) {
    throw new RangeError(`Days past due must be an integer, got ${daysPastDue}`);
  }
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days1to30';
  if (daysPastDue <= 60) return 'days31to60';
  if (daysPastDue <= 90) return 'days61to90';
  return 'days90plus';
}

/** Open balances by age on `today`, in one currency; the caller groups by currency. */
export function agingBuckets(
  invoices: readonly { dueDate: CalendarDate; openBalance: number }[],
  today: CalendarDate,
): AgingBuckets {
  const result: AgingBuckets = {
    current: 0,
    days1to30: 0,
    days31to60: 0,
    days61to90: 0,
    days90plus: 0,
    total: 0,
  };
  for (const invoice of invoices) {
    const balance = assertMinorUnits(invoice.openBalance);
    if (balance === 0) continue;
    const bucket = agingBucket(daysBetween(invoice.dueDate, today));
    result[bucket] += balance;
    result.total += balance;
    // Every bucket is at most the total, so checking the total covers them all.
    if (!Number.isSafeInteger(result.total)) {
      throw new MoneyError('Aging total overflows a safe integer');
    }
  }
  return result;
}
