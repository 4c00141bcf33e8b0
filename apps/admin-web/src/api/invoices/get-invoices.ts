import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { invoicesKeys, type InvoicesListParams } from './keys';

export const getInvoices = (params: InvoicesListParams) =>
  unwrap(api.GET('/api/v1/invoices', { params: { query: clean(params) } }));

export const getInvoicesQueryOptions = (params: InvoicesListParams = { page: 1, pageSize: 25 }) =>
  queryOptions({
    queryKey: invoicesKeys.list(params),
    queryFn: () => getInvoices(params),
    placeholderData: keepPreviousData,
  });

export function useInvoices({
  params,
  queryConfig,
}: {
  params: InvoicesListParams;
  queryConfig?: QueryConfig<typeof getInvoicesQueryOptions>;
}) {
  return useQuery({ ...getInvoicesQueryOptions(params), ...queryConfig });
}
