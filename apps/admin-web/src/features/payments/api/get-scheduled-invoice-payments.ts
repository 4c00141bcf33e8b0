import { useQueries } from '@tanstack/react-query';

import { getPaymentQueryOptions } from './get-payment';
import { usePayments } from './get-payments';

export interface ScheduledOnInvoice {
  paymentId: string;
  number: string;
  scheduledFor: string | null;
  amount: number;
  currency: string;
}

/** At most this many scheduled payments are opened to find their invoices. */
const MAX_DETAILS = 20;

/**
 * Which open invoices have a scheduled payment coming. Summaries carry no allocations, so the
 * organization's scheduled payments are listed and (up to 20 of them) opened.
 */
export function useScheduledInvoicePayments(organizationId: string) {
  const scheduled = usePayments({
    params: {
      organizationId,
      status: 'scheduled',
      page: 1,
      pageSize: 200,
      sort: 'scheduledFor',
    },
  });
  const ids = (scheduled.data?.data ?? []).slice(0, MAX_DETAILS).map((p) => p.id);
  const details = useQueries({ queries: ids.map((id) => getPaymentQueryOptions(id)) });

  const byInvoice = new Map<string, ScheduledOnInvoice[]>();
  for (const d of details) {
    const p = d.data;
    if (!p || p.status !== 'scheduled') continue;
    for (const a of p.allocations) {
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
  return { byInvoice, isPending: scheduled.isPending || details.some((d) => d.isPending) };
}
