import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';

import { reconciliationKeys, type RunOrganizationsParams } from './keys';

export const getRunOrganizations = (id: string, params: RunOrganizationsParams) =>
  unwrap(
    api.GET('/api/v1/reconciliation/runs/{id}/organizations', {
      params: { path: { id }, query: clean(params) },
    }),
  );

export const getRunOrganizationsQueryOptions = (id: string, params: RunOrganizationsParams) =>
  queryOptions({
    queryKey: reconciliationKeys.organizations(id, params),
    queryFn: () => getRunOrganizations(id, params),
    placeholderData: keepPreviousData,
  });

/** A finished run's figures per organization. */
export function useRunOrganizations(id: string, params: RunOrganizationsParams) {
  return useQuery(getRunOrganizationsQueryOptions(id, params));
}
