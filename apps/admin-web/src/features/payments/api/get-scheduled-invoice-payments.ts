import { usePayments } from './get-payments';
import type { PaymentsListParams } from '@/api/payments/keys';

export interface ScheduledOnInvoice {
  paymentId: string;
  number: string;
  scheduledFor: string | null;
  /** What the payment puts on this invoice (it may cover others too). */
  amount: number;
  currency: string;
}

/** The API takes at most this many `invoiceId`s, and answers at most this many payments a page. */
export const MAX_INVOICE_IDS = 200;

export const scheduledForInvoicesParams = (invoiceIds: readonly string[]): PaymentsListParams => ({
  status: 'scheduled',
  invoiceId: [...invoiceIds],
  page: 1,
  pageSize: 200,
  sort: 'scheduledFor',
});

/**
 * The scheduled payments on the invoices of one page, in one request: every payment in a list
 * carries its allocations, so nothing has to be opened one by one.
 */
export function useScheduledInvoicePayments(invoiceIds: readonly string[]) {
  const ids = invoiceIds.slice(0, MAX_INVOICE_IDS);
  const scheduled = usePayments({
    params: scheduledForInvoicesParams(ids),
    queryConfig: { enabled: ids.length > 0 },
  });

  const wanted = new Set(ids);
  const byInvoice = new Map<string, ScheduledOnInvoice[]>();
  for (const p of scheduled.data?.data ?? []) {
    for (const a of p.allocations) {
      if (!wanted.has(a.invoiceId)) continue;
      const list = byInvoice.get(a.invoiceId) ?? [];
      list.push({
        paymentId: p.id,
        number: p.number,
        scheduledFor: p.scheduledFor,
        amount: a.amount,
        currency: p.currency,
      });
      byInvoice.set(a.invoiceId, list);
    }
  }
  return {
    byInvoice,
    isPending: ids.length > 0 && scheduled.isPending,
    isError: scheduled.isError,
    /** More scheduled payments than one answer holds: some markers may be missing. */
    incomplete: (scheduled.data?.total ?? 0) > (scheduled.data?.data.length ?? 0),
  };
}
