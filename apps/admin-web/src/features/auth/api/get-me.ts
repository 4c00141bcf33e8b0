import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { meQueryKey } from '@/api/auth/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getMe = () => unwrap(api.GET('/api/v1/auth/me'));

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
  });

export function useMe({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getMeQueryOptions> } = {}) {
  return useQuery({ ...getMeQueryOptions(), ...queryConfig });
}
