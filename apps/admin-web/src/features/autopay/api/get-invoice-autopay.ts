import { unwrap } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { autopayKeys } from './keys';

/** Whether AutoPay will charge an invoice, when, how much, and why (or why not). */
export const getInvoiceAutopay = (invoiceId: string) =>
  unwrap(api.GET('/api/v1/invoices/{invoiceId}/autopay', { params: { path: { invoiceId } } }));

export function useInvoiceAutopay({ invoiceId }: { invoiceId: string }) {
  return useQuery({
    queryKey: autopayKeys.invoice(invoiceId),
    queryFn: () => getInvoiceAutopay(invoiceId),
  });
}
