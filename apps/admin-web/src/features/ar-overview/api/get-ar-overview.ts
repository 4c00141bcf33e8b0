import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { arOverviewKeys, type ArOverviewParams } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

export const getArOverview = (params: ArOverviewParams) =>
  unwrap(api.GET('/api/v1/reports/ar-overview', { params: { query: clean(params) } }));

export const getArOverviewQueryOptions = (
  params: ArOverviewParams = { page: 1, pageSize: 10, sort: '-balance' },
) =>
  queryOptions({
    queryKey: arOverviewKeys.detail(params),
    queryFn: () => getArOverview(params),
    placeholderData: keepPreviousData,
  });

export function useArOverview({
  params,
  queryConfig,
}: {
  params: ArOverviewParams;
  queryConfig?: QueryConfig<typeof getArOverviewQueryOptions>;
}) {
  return useQuery({ ...getArOverviewQueryOptions(params), ...queryConfig });
}
