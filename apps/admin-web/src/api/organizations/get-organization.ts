import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { organizationsKeys } from './keys';

export const getOrganization = (id: string) =>
  unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } }));

export const getOrganizationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: organizationsKeys.detail(id),
    queryFn: () => getOrganization(id),
  });

export function useOrganization({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getOrganizationQueryOptions>;
}) {
  return useQuery({ ...getOrganizationQueryOptions(id), ...queryConfig });
}
