import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { organizationsKeys, type OrganizationsListParams } from './keys';

export const getOrganizations = (params: OrganizationsListParams) =>
  unwrap(api.GET('/api/v1/organizations', { params: { query: clean(params) } }));

export const getOrganizationsQueryOptions = (
  params: OrganizationsListParams = { page: 1, pageSize: 25 },
) =>
  queryOptions({
    queryKey: organizationsKeys.list(params),
    queryFn: () => getOrganizations(params),
    placeholderData: keepPreviousData,
  });

export function useOrganizations({
  params,
  queryConfig,
}: {
  params: OrganizationsListParams;
  queryConfig?: QueryConfig<typeof getOrganizationsQueryOptions>;
}) {
  return useQuery({ ...getOrganizationsQueryOptions(params), ...queryConfig });
}
