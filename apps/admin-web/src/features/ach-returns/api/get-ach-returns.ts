import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { achReturnsKeys, type AchReturnsListParams } from './keys';

export const getAchReturns = (params: AchReturnsListParams) =>
  unwrap(api.GET('/api/v1/ach-returns', { params: { query: clean(params) } }));

export const getAchReturnsQueryOptions = (params: AchReturnsListParams) =>
  queryOptions({
    queryKey: achReturnsKeys.list(params),
    queryFn: () => getAchReturns(params),
    placeholderData: keepPreviousData,
  });

export function useAchReturns({
  params,
  queryConfig,
}: {
  params: AchReturnsListParams;
  queryConfig?: QueryConfig<typeof getAchReturnsQueryOptions>;
}) {
  return useQuery({ ...getAchReturnsQueryOptions(params), ...queryConfig });
}
