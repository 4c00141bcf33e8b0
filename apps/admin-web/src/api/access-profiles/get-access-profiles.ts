import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { accessProfilesKeys } from './keys';

export const getAccessProfiles = () => unwrap(api.GET('/api/v1/access-profiles'));

export const getAccessProfilesQueryOptions = () =>
  queryOptions({
    queryKey: accessProfilesKeys.lists(),
    queryFn: getAccessProfiles,
    staleTime: 5 * 60_000,
  });

export function useAccessProfiles({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getAccessProfilesQueryOptions> } = {}) {
  return useQuery({ ...getAccessProfilesQueryOptions(), ...queryConfig });
}
