import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { apiKeysKeys, type ApiKeysListParams } from './keys';

export const getApiKeys = (params: ApiKeysListParams) =>
  unwrap(api.GET('/api/v1/api-keys', { params: { query: params } }));

export const getApiKeysQueryOptions = (params: ApiKeysListParams = { page: 1, pageSize: 25 }) =>
  queryOptions({
    queryKey: apiKeysKeys.list(params),
    queryFn: () => getApiKeys(params),
    placeholderData: keepPreviousData,
  });

export function useApiKeys({
  params,
  queryConfig,
}: {
  params: ApiKeysListParams;
  queryConfig?: QueryConfig<typeof getApiKeysQueryOptions>;
}) {
  return useQuery({ ...getApiKeysQueryOptions(params), ...queryConfig });
}
