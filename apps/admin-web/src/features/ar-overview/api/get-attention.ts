import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

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
