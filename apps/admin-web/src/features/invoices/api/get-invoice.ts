import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { invoicesKeys } from '@/api/invoices/keys';

export const getInvoice = (id: string) =>
  unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } }));

export const getInvoiceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: invoicesKeys.detail(id),
    queryFn: () => getInvoice(id),
  });

export function useInvoice({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getInvoiceQueryOptions>;
}) {
  return useQuery({ ...getInvoiceQueryOptions(id), ...queryConfig });
}
