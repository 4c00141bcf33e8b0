import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { reconciliationKeys, type RunsParams } from './keys';

export const getRuns = (params: RunsParams) =>
  unwrap(api.GET('/api/v1/reconciliation/runs', { params: { query: params } }));

export const getRunsQueryOptions = (params: RunsParams) =>
  queryOptions({
    queryKey: reconciliationKeys.runs(params),
    queryFn: () => getRuns(params),
    placeholderData: keepPreviousData,
  });

/** Runs, newest first. */
export function useRuns({
  params,
  queryConfig,
}: {
  params: RunsParams;
  queryConfig?: QueryConfig<typeof getRunsQueryOptions>;
}) {
  return useQuery({ ...getRunsQueryOptions(params), ...queryConfig });
}
