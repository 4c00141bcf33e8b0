import { assertCalendarDate, CalendarDate } from './calendar-date';
import { assertMinorUnits } from './money';

export interface InvoiceBalance {
  /** What a customer may still pay through Settle; never below zero. */
  openBalance: number;
  /**
   * How far Settle's pending payments exceed what the source says is owed (or what a paid or
   * void invoice owes: nothing). Zero normally. Above zero means money was taken twice, or a
   * Settle payment the source already has was not marked as pushed: staff must look.
   */
  overAllocated: number;
}

/**
 * The open-balance rule. `sourceBalance` is what the source system last said is owed;
 * `settlePending` is the allocations of Settle payments that are processing or succeeded, net of
 * refunds, that the source does not know about yet (scheduled and AutoPay-pending payments are
 * not in it). Only an open invoice can be paid; whatever Settle holds beyond what is owed is
 * reported as over-allocated rather than hidden by clamping.
 */
export function invoiceBalance(
  sourceBalance: number,
  settlePending: number,
  isOpen: boolean,
): InvoiceBalance {
  const source = assertMinorUnits(sourceBalance);
  const pending = assertMinorUnits(settlePending);
  const owed = isOpen ? source : 0;
  return owed >= pending
    ? { openBalance: owed - pending, overAllocated: 0 }
    : { openBalance: 0, overAllocated: pending - owed };
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

/** What the open-invoice rules need to know of an invoice. */
export interface InvoiceBalances {
  /** The invoice's status is `open` (not paid or void in its source). */
  isOpen: boolean;
  sourceBalance: number;
  openBalance: number;
}

/** A customer can pay it now: open, with money still owed through Settle. */
export function isPayable(invoice: InvoiceBalances): boolean {
  return invoice.isOpen && assertMinorUnits(invoice.openBalance) > 0;
}

/**
 * "Paid — waiting for accounting": Settle has taken all that is owed, and the source (the
 * accounting system) has not recorded it yet, so it still shows a balance. Neither payable nor
 * paid; it becomes paid when the source's balance reaches zero.
 */
export function isAwaitingAccounting(invoice: InvoiceBalances): boolean {
  return (
    invoice.isOpen &&
    assertMinorUnits(invoice.openBalance) === 0 &&
    assertMinorUnits(invoice.sourceBalance) > 0
  );
}
