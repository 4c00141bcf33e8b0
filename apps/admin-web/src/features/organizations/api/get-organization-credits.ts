import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getOrganizationCredits = (id: string) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/credits', {
      params: { path: { organizationId: id } },
    }),
  );

export const getOrganizationCreditsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: organizationsKeys.credits(id),
    queryFn: () => getOrganizationCredits(id),
  });

export function useOrganizationCredits({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getOrganizationCreditsQueryOptions>;
}) {
  return useQuery({ ...getOrganizationCreditsQueryOptions(id), ...queryConfig });
}
