import { assertCalendarDate, CalendarDate } from './calendar-date';
import { assertMinorUnits, MoneyError } from './money';

export class BalanceError extends Error {
  override name = 'BalanceError';

  constructor(
    readonly sourceBalance: number,
    readonly allocated: number,
  ) {
    super(
      `Allocations of ${allocated} exceed the source balance of ${sourceBalance}: an invoice was over-allocated`,
    );
  }
}

/**
 * What a customer may still pay on an invoice: the source system's balance minus allocations of
 * Settle payments the source does not know about yet (processing or succeeded, net of refunds,
 * not yet pushed). The caller picks those allocations; scheduled and AutoPay-pending payments
 * must not be among them. A negative result is not clamped to zero: allocations never exceed
 * the open balance, so going below zero means money was taken twice and someone must look.
 */
export function openBalance(sourceBalance: number, pendingAllocations: readonly number[]): number {
  const source = assertMinorUnits(sourceBalance);
  let allocated = 0;
  for (const allocation of pendingAllocations) {
    allocated += assertMinorUnits(allocation);
    if (!Number.isSafeInteger(allocated)) {
      throw new MoneyError('Pending allocations overflow a safe integer');
    }
  }
  if (allocated > source) throw new BalanceError(source, allocated);
  return source - allocated;
}

/** Due today is not past due: the customer has until the end of the due date to pay. */
export function isPastDue(
  invoice: { dueDate: CalendarDate; openBalance: number },
  today: CalendarDate,
): boolean {
  return (
    assertCalendarDate(invoice.dueDate) < assertCalendarDate(today) &&
    assertMinorUnits(invoice.openBalance) > 0
  );
}
