import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { reportKeys, type TransactionsParams } from './keys';

export const getTransactions = (params: TransactionsParams) =>
  unwrap(api.GET('/api/v1/reports/transactions', { params: { query: clean(params) } }));

export const getTransactionsQueryOptions = (params: TransactionsParams) =>
  queryOptions({
    queryKey: reportKeys.transactions(params),
    queryFn: () => getTransactions(params),
    placeholderData: keepPreviousData,
  });

export function useTransactions({
  params,
  queryConfig,
}: {
  params: TransactionsParams;
  queryConfig?: QueryConfig<typeof getTransactionsQueryOptions>;
}) {
  return useQuery({ ...getTransactionsQueryOptions(params), ...queryConfig });
}
