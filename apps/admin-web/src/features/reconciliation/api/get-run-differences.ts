import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';

import { reconciliationKeys, type RunDifferencesParams } from './keys';

export const getRunDifferences = (id: string, params: RunDifferencesParams) =>
  unwrap(
    api.GET('/api/v1/reconciliation/runs/{id}/differences', {
      params: { path: { id }, query: clean(params) },
    }),
  );

export const getRunDifferencesQueryOptions = (id: string, params: RunDifferencesParams) =>
  queryOptions({
    queryKey: reconciliationKeys.differences(id, params),
    queryFn: () => getRunDifferences(id, params),
    placeholderData: keepPreviousData,
  });

/** A finished run's differences, each explained. */
export function useRunDifferences(id: string, params: RunDifferencesParams) {
  return useQuery(getRunDifferencesQueryOptions(id, params));
}
