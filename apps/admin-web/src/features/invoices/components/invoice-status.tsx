import type { InvoiceResponseDto } from '@/api/invoices/types';

type InvoiceState = Pick<InvoiceResponseDto, 'status' | 'awaitingAccounting'>;

/**
 * An invoice Settle has paid in full while its source still shows a balance is not open any more
 * (nothing can be paid on it) and not yet paid in the books: it waits for accounting.
 */
export function invoiceStatusLabel(invoice: InvoiceState): string {
  if (invoice.status === 'void') return 'Void';
  if (invoice.status === 'paid') return 'Paid';
  return invoice.awaitingAccounting ? 'Paid — waiting for accounting' : 'Open';
}

function tone(invoice: InvoiceState): string {
  if (invoice.status === 'void') return 'ui-badge';
  if (invoice.status === 'paid') return 'ui-badge ui-badge--success';
  return invoice.awaitingAccounting ? 'ui-badge app-badge--info' : 'ui-badge ui-badge--warning';
}

/** Payments may go only to an open invoice with something left to pay. */
export function isPayable(
  invoice: Pick<InvoiceResponseDto, 'status' | 'awaitingAccounting' | 'openBalance'>,
): boolean {
  return invoice.status === 'open' && !invoice.awaitingAccounting && invoice.openBalance > 0;
}

export function InvoiceStatusBadge({ invoice }: { invoice: InvoiceState }) {
  return (
    <span className={tone(invoice)} data-status={invoice.status}>
      {invoiceStatusLabel(invoice)}
    </span>
  );
}
