import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { reportKeys, type MonthlyParams } from './keys';

export const getMonthly = (params: MonthlyParams) =>
  unwrap(api.GET('/api/v1/reports/monthly', { params: { query: clean(params) } }));

export const getMonthlyQueryOptions = (params: MonthlyParams) =>
  queryOptions({
    queryKey: reportKeys.monthly(params),
    queryFn: () => getMonthly(params),
    placeholderData: keepPreviousData,
  });

export function useMonthly({
  params,
  queryConfig,
}: {
  params: MonthlyParams;
  queryConfig?: QueryConfig<typeof getMonthlyQueryOptions>;
}) {
  return useQuery({ ...getMonthlyQueryOptions(params), ...queryConfig });
}
