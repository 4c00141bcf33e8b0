import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { paymentReportsKeys } from './keys';

export const getAttention = () => unwrap(api.GET('/api/v1/reports/attention'));

export const getAttentionQueryOptions = () =>
  queryOptions({
    queryKey: paymentReportsKeys.attention(),
    queryFn: getAttention,
  });

export function useAttention({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getAttentionQueryOptions> } = {}) {
  return useQuery({ ...getAttentionQueryOptions(), ...queryConfig });
}
