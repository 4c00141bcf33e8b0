import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getOrganizationBalance = (id: string) =>
  unwrap(api.GET('/api/v1/organizations/{id}/balance', { params: { path: { id } } }));

export const getOrganizationBalanceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: organizationsKeys.balance(id),
    queryFn: () => getOrganizationBalance(id),
  });

export function useOrganizationBalance({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getOrganizationBalanceQueryOptions>;
}) {
  return useQuery({ ...getOrganizationBalanceQueryOptions(id), ...queryConfig });
}
