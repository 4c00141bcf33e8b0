import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { invoicesKeys } from '@/api/invoices/keys';
import type { InvoiceResponseDto } from '@/api/invoices/types';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** The API takes at most this many `id` filters per request. */
const IDS_PER_REQUEST = 200;

/**
 * The chosen invoices that can still be paid (open, with an open balance), fetched by id, so
 * an invoice is found however far down the organization's list it is. In the order asked; the
 * ones no longer payable are left out.
 */
export async function getInvoicesToPay(
  organizationId: string,
  invoiceIds: readonly string[],
): Promise<InvoiceResponseDto[]> {
  const found = new Map<string, InvoiceResponseDto>();
  for (let start = 0; start < invoiceIds.length; start += IDS_PER_REQUEST) {
    const id = invoiceIds.slice(start, start + IDS_PER_REQUEST);
    const page = await unwrap(
      api.GET('/api/v1/invoices', {
        params: {
          query: { organizationId, id, payable: 'true', page: 1, pageSize: IDS_PER_REQUEST },
        },
      }),
    );
    for (const invoice of page.data) found.set(invoice.id, invoice);
  }
  return invoiceIds.flatMap((id) => found.get(id) ?? []);
}

export const getInvoicesToPayQueryOptions = (
  organizationId: string,
  invoiceIds: readonly string[],
) =>
  queryOptions({
    // under invoicesKeys.all: a payment made anywhere refreshes it
    queryKey: [...invoicesKeys.all, 'to-pay', organizationId, invoiceIds] as const,
    queryFn: () => getInvoicesToPay(organizationId, invoiceIds),
  });

export function useInvoicesToPay({
  organizationId,
  invoiceIds,
  queryConfig,
}: {
  organizationId: string;
  invoiceIds: readonly string[];
  queryConfig?: QueryConfig<typeof getInvoicesToPayQueryOptions>;
}) {
  return useQuery({ ...getInvoicesToPayQueryOptions(organizationId, invoiceIds), ...queryConfig });
}
