import { addDays, assertCalendarDate, CalendarDate, daysBetween } from './calendar-date';

/** Which invoice notices an MSP sends, and when (days before / after the due date). */
export interface InvoiceNoticeCadence {
  newInvoice: boolean;
  dueSoonDays: readonly number[];
  pastDueDays: readonly number[];
}

export interface NoticeInvoice {
  invoiceDate: CalendarDate;
  dueDate: CalendarDate;
  /** Minor units. */
  openBalance: number;
  /** The MSP-calendar day the invoice reached Settle (created or first synced). */
  arrivedOn: CalendarDate;
}

export type InvoiceNoticeType = 'new_invoice' | 'invoice_due_soon' | 'invoice_past_due';

export interface InvoiceNotice {
  type: InvoiceNoticeType;
  /** Stable per invoice and step (`new_invoice`, `due_soon:7`, `past_due:14`): the dedupe key's core. */
  step: string;
  /** The calendar day the step fell on. */
  stepDate: CalendarDate;
  /** Negative before the due date. */
  daysPastDue: number;
}

/**
 * How long after arriving an invoice still counts as new: a notice job that was down over a
 * weekend still announces it, while an invoice dated months before it arrived (a first sync of
 * the accounting history) never does.
 */
export const NEW_INVOICE_WINDOW_DAYS = 3;

export class InvoiceNoticeError extends Error {
  override name = 'InvoiceNoticeError';
}

interface Step {
  notice: Omit<InvoiceNotice, 'daysPastDue'>;
  /** Breaks ties between steps on one day: the later kind wins. */
  rank: number;
}

/**
 * The notice an invoice is due today, or null. The steps of its life (announced, due in N days,
 * N days past due) fall on calendar days; the one sent is the latest step that has passed, so a
 * job that missed days sends that one step and never a burst of older ones, and a step already
 * sent comes back every day until the next one (the caller's dedupe key sends it once). Past
 * the due date no due-soon step is current, and a new-invoice step stops being current
 * NEW_INVOICE_WINDOW_DAYS after arrival, without letting an older step resurface.
 */
export function invoiceNoticeDue(
  invoice: NoticeInvoice,
  today: CalendarDate,
  cadence: InvoiceNoticeCadence,
): InvoiceNotice | null {
  assertCadence(cadence);
  assertCalendarDate(today);
  if (!Number.isSafeInteger(invoice.openBalance)) {
    throw new InvoiceNoticeError(`openBalance must be an integer, got ${invoice.openBalance}`);
  }
  if (invoice.openBalance <= 0) return null;

  let latest: Step | null = null;
  for (const step of steps(invoice, cadence)) {
    if (step.notice.stepDate > today) continue;
    if (
      !latest ||
      step.notice.stepDate > latest.notice.stepDate ||
      (step.notice.stepDate === latest.notice.stepDate && step.rank > latest.rank)
    ) {
      latest = step;
    }
  }
  if (!latest || !isCurrent(latest.notice, invoice, today)) return null;
  return { ...latest.notice, daysPastDue: daysBetween(invoice.dueDate, today) };
}

function steps(invoice: NoticeInvoice, cadence: InvoiceNoticeCadence): Step[] {
  const all: Step[] = [];
  // A due-soon step ties with the announcement only when the invoice arrives on that day;
  // the announcement already shows the due date, so it wins.
  for (const days of cadence.dueSoonDays) {
    all.push({
      notice: {
        step: `due_soon:${days}`,
        stepDate: addDays(invoice.dueDate, -days),
        type: 'invoice_due_soon',
      },
      rank: 0,
    });
  }
  if (cadence.newInvoice && wasNewOnArrival(invoice)) {
    all.push({
      notice: { step: 'new_invoice', stepDate: invoice.arrivedOn, type: 'new_invoice' },
      rank: 1,
    });
  }
  for (const days of cadence.pastDueDays) {
    all.push({
      notice: {
        step: `past_due:${days}`,
        stepDate: addDays(invoice.dueDate, days),
        type: 'invoice_past_due',
      },
      rank: 2,
    });
  }
  return all;
}

/** Dated (or arrived) recently enough to announce: not a piece of history being imported. */
function wasNewOnArrival(invoice: NoticeInvoice): boolean {
  return daysBetween(invoice.invoiceDate, invoice.arrivedOn) <= NEW_INVOICE_WINDOW_DAYS;
}

function isCurrent(
  notice: Omit<InvoiceNotice, 'daysPastDue'>,
  invoice: NoticeInvoice,
  today: CalendarDate,
): boolean {
  switch (notice.type) {
    case 'new_invoice':
      return daysBetween(invoice.arrivedOn, today) <= NEW_INVOICE_WINDOW_DAYS;
    case 'invoice_due_soon':
      return today <= invoice.dueDate;
    case 'invoice_past_due':
      return true;
  }
}

export const NOTICE_DAYS_MIN = 1;
export const NOTICE_DAYS_MAX = 90;
export const NOTICE_DAYS_MAX_STEPS = 6;

function assertCadence(cadence: InvoiceNoticeCadence): void {
  for (const [name, days] of [
    ['dueSoonDays', cadence.dueSoonDays],
    ['pastDueDays', cadence.pastDueDays],
  ] as const) {
    if (days.length > NOTICE_DAYS_MAX_STEPS || new Set(days).size !== days.length) {
      throw new InvoiceNoticeError(
        `${name} must hold at most ${NOTICE_DAYS_MAX_STEPS} distinct days`,
      );
    }
    for (const day of days) {
      if (!Number.isSafeInteger(day) || day < NOTICE_DAYS_MIN || day > NOTICE_DAYS_MAX) {
        throw new InvoiceNoticeError(
          `${name} must be whole days from ${NOTICE_DAYS_MIN} to ${NOTICE_DAYS_MAX}, got ${day}`,
        );
      }
    }
  }
}
