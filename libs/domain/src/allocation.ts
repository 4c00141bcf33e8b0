import { assertCalendarDate, CalendarDate } from './calendar-date';
import { assertMinorUnits, MoneyError } from './money';

/** An invoice that can take money. All invoices passed together share one currency. */
export interface OpenInvoice {
  id: string;
  dueDate: CalendarDate;
  issueDate: CalendarDate;
  /** Minor units, as computed by `openBalance`. */
  openBalance: number;
}

export interface Allocation {
  invoiceId: string;
  amount: number;
}

export interface AllocationResult {
  allocations: Allocation[];
}

export type AllocationErrorCode =
  | 'empty_request'
  | 'unknown_invoice'
  | 'duplicate_invoice'
  | 'non_positive_amount'
  | 'exceeds_open_balance'
  | 'exceeds_total_open_balance';

export interface AllocationErrorDetails {
  invoiceId?: string;
  /** The invoice's open balance, or the total open balance for `exceeds_total_open_balance`. */
  openBalance?: number;
  /** The amount that was asked for. */
  requested?: number;
}

const MESSAGES: Record<AllocationErrorCode, (d: AllocationErrorDetails) => string> = {
  empty_request: () => 'A payment must be allocated to at least one invoice',
  unknown_invoice: (d) => `Invoice ${d.invoiceId} is not open for payment`,
  duplicate_invoice: (d) => `Invoice ${d.invoiceId} appears more than once`,
  non_positive_amount: (d) =>
    d.invoiceId === undefined
      ? `The amount must be positive, got ${d.requested}`
      : `The amount for invoice ${d.invoiceId} must be positive, got ${d.requested}`,
  exceeds_open_balance: (d) =>
    `${d.requested} exceeds the open balance of ${d.openBalance} on invoice ${d.invoiceId}`,
  exceeds_total_open_balance: (d) =>
    `${d.requested} exceeds the total open balance of ${d.openBalance}`,
};

/** Carries a stable `code` so the API can map it to a problem `type` without parsing text. */
export class AllocationError extends Error {
  override name = 'AllocationError';
  readonly invoiceId?: string;
  readonly openBalance?: number;
  readonly requested?: number;

  constructor(
    readonly code: AllocationErrorCode,
    details: AllocationErrorDetails = {},
  ) {
    super(MESSAGES[code](details));
    this.invoiceId = details.invoiceId;
    this.openBalance = details.openBalance;
    this.requested = details.requested;
  }
}

function checkedAdd(a: number, b: number): number {
  const total = a + b;
  if (!Number.isSafeInteger(total)) throw new MoneyError('Total overflows a safe integer');
  return total;
}

function indexInvoices(invoices: readonly OpenInvoice[]): Map<string, OpenInvoice> {
  const byId = new Map<string, OpenInvoice>();
  for (const invoice of invoices) {
    if (byId.has(invoice.id)) {
      throw new AllocationError('duplicate_invoice', { invoiceId: invoice.id });
    }
    assertMinorUnits(invoice.openBalance);
    byId.set(invoice.id, invoice);
  }
  return byId;
}

function assertPositive(amount: number, invoiceId?: string): void {
  // A fractional or unsafe amount is malformed input, not merely a non-positive one.
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError(`Amount is not a safe integer number of minor units: ${amount}`);
  }
  if (amount <= 0)
    throw new AllocationError('non_positive_amount', { invoiceId, requested: amount });
}

/**
 * Checks the amounts a payer chose per invoice and returns them unchanged, or throws. It never
 * clamps: paying less than asked without telling the payer is as wrong as taking too much.
 */
export function allocateExplicit(
  invoices: readonly OpenInvoice[],
  requested: readonly Allocation[],
): AllocationResult {
  const byId = indexInvoices(invoices);
  if (requested.length === 0) throw new AllocationError('empty_request');
  const seen = new Set<string>();
  const allocations: Allocation[] = [];
  for (const { invoiceId, amount } of requested) {
    const invoice = byId.get(invoiceId);
    if (!invoice) throw new AllocationError('unknown_invoice', { invoiceId });
    if (seen.has(invoiceId)) throw new AllocationError('duplicate_invoice', { invoiceId });
    seen.add(invoiceId);
    assertPositive(amount, invoiceId);
    if (amount > invoice.openBalance) {
      throw new AllocationError('exceeds_open_balance', {
        invoiceId,
        openBalance: invoice.openBalance,
        requested: amount,
      });
    }
    allocations.push({ invoiceId, amount });
  }
  return { allocations };
}

// Plain code-unit comparison, not localeCompare: the order must not depend on the server's locale.
function byOldestDue(a: OpenInvoice, b: OpenInvoice): number {
  for (const [x, y] of [
    [a.dueDate, b.dueDate],
    [a.issueDate, b.issueDate],
    [a.id, b.id],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Pays invoices oldest due first (then oldest issued, then by id, so the same input always gives
 * the same allocations), each up to its open balance. Zero-balance invoices get nothing. An
 * amount above the total open balance is refused, never spread as an unapplied credit.
 */
export function allocateOldestFirst(
  invoices: readonly OpenInvoice[],
  amount: number,
): AllocationResult {
  const byId = indexInvoices(invoices);
  assertPositive(amount);
  let totalOpen = 0;
  for (const invoice of byId.values()) {
    assertCalendarDate(invoice.dueDate);
    assertCalendarDate(invoice.issueDate);
    totalOpen = checkedAdd(totalOpen, invoice.openBalance);
  }
  if (amount > totalOpen) {
    throw new AllocationError('exceeds_total_open_balance', {
      openBalance: totalOpen,
      requested: amount,
    });
  }
  const allocations: Allocation[] = [];
  let remaining = amount;
  for (const invoice of [...byId.values()].sort(byOldestDue)) {
    if (remaining === 0) break;
    const paid = Math.min(remaining, invoice.openBalance);
    if (paid === 0) continue;
    allocations.push({ invoiceId: invoice.id, amount: paid });
    remaining -= paid;
  }
  return { allocations };
}
