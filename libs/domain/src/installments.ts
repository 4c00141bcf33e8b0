import { addDays, addMonths, assertCalendarDate, CalendarDate } from './calendar-date';
import { assertMinorUnits, MoneyError } from './money';

export const MIN_INSTALLMENTS = 2;
export const MAX_INSTALLMENTS = 24;
export const INSTALLMENT_INTERVALS = ['week', 'month'] as const;
export type InstallmentInterval = (typeof INSTALLMENT_INTERVALS)[number];

export interface Installment {
  scheduledFor: CalendarDate;
  allocations: { invoiceId: string; amount: number }[];
}

export type InstallmentErrorCode =
  'invalid_count' | 'invalid_interval' | 'duplicate_invoice' | 'zero_installment';

export class InstallmentError extends Error {
  override name = 'InstallmentError';

  constructor(
    readonly code: InstallmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Splits a payment's allocations into `count` installments on `firstDate`, then every week or
 * every month after it. Monthly dates are all counted from `firstDate` and clamped to the end
 * of short months, so a plan starting Jan 31 runs Feb 28 (29), Mar 31, Apr 30: anchoring on the
 * first date keeps the customer's chosen day instead of drifting to the 28th after February.
 *
 * Each invoice is split evenly, its leftover cents (fewer than `count`) going one each to the
 * installments in turn, starting where the previous invoice's leftover stopped. So every invoice
 * sums exactly to its amount in every installment within a cent of an even share, and the
 * installment totals differ by at most a cent, the earlier ones taking the extra cents
 * (100 over 3 is 34, 33, 33; three invoices of 100 are 100, 100, 100 rather than 102, 99, 99).
 * An invoice with nothing in an installment has no row in it. An installment of 0 would be a
 * charge of nothing, so a total below `count` cents is refused.
 */
export function splitInstallments(
  allocations: readonly { invoiceId: string; amount: number }[],
  count: number,
  firstDate: CalendarDate,
  interval: InstallmentInterval,
): Installment[] {
  if (!Number.isSafeInteger(count) || count < MIN_INSTALLMENTS || count > MAX_INSTALLMENTS) {
    throw new InstallmentError(
      'invalid_count',
      `Installments must number ${MIN_INSTALLMENTS} to ${MAX_INSTALLMENTS}, got ${count}`,
    );
  }
  if (!(INSTALLMENT_INTERVALS as readonly string[]).includes(interval)) {
    throw new InstallmentError('invalid_interval', `Unknown installment interval ${interval}`);
  }
  assertCalendarDate(firstDate);
  const seen = new Set<string>();
  let total = 0;
  for (const { invoiceId, amount } of allocations) {
    if (seen.has(invoiceId)) {
      throw new InstallmentError(
        'duplicate_invoice',
        `Invoice ${invoiceId} appears more than once`,
      );
    }
    seen.add(invoiceId);
    total += assertMinorUnits(amount);
    if (!Number.isSafeInteger(total)) throw new MoneyError('Total overflows a safe integer');
  }
  if (total < count) {
    throw new InstallmentError(
      'zero_installment',
      `${total} cannot be split into ${count} installments without one of 0`,
    );
  }
  const installments: Installment[] = Array.from({ length: count }, (_, i) => ({
    scheduledFor: interval === 'week' ? addDays(firstDate, 7 * i) : addMonths(firstDate, i),
    allocations: [],
  }));
  let nextExtra = 0;
  for (const { invoiceId, amount } of allocations) {
    const share = Math.floor(amount / count);
    const leftover = amount - share * count;
    // Installments nextExtra … nextExtra + leftover − 1 (wrapping) get one cent more.
    const gets = (i: number) => share + ((i - nextExtra + count) % count < leftover ? 1 : 0);
    installments.forEach((installment, i) => {
      const part = gets(i);
      if (part > 0) installment.allocations.push({ invoiceId, amount: part });
    });
    nextExtra = (nextExtra + leftover) % count;
  }
  return installments;
}
