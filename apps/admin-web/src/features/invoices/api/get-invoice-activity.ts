import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { invoicesKeys } from '@/api/invoices/keys';

/** What happened to an invoice (synced, paid, refunded, ...), newest first. */
export const getInvoiceActivity = (id: string) =>
  unwrap(api.GET('/api/v1/invoices/{id}/activity', { params: { path: { id } } }));

export const getInvoiceActivityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: invoicesKeys.activity(id),
    queryFn: () => getInvoiceActivity(id),
  });

export function useInvoiceActivity({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getInvoiceActivityQueryOptions>;
}) {
  return useQuery({ ...getInvoiceActivityQueryOptions(id), ...queryConfig });
}
