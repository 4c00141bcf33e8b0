import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { agingKeys, type AgingOrganizationsParams } from './keys';

export const getAgingOrganizations = (params: AgingOrganizationsParams) =>
  unwrap(api.GET('/api/v1/reports/aging/organizations', { params: { query: clean(params) } }));

export const getAgingOrganizationsQueryOptions = (params: AgingOrganizationsParams) =>
  queryOptions({
    queryKey: agingKeys.organizations(params),
    queryFn: () => getAgingOrganizations(params),
    placeholderData: keepPreviousData,
  });

export function useAgingOrganizations({
  params,
  queryConfig,
}: {
  params: AgingOrganizationsParams;
  queryConfig?: QueryConfig<typeof getAgingOrganizationsQueryOptions>;
}) {
  return useQuery({ ...getAgingOrganizationsQueryOptions(params), ...queryConfig });
}

/**
 * Every organization with an open balance, by name, as a CSV attachment (aging-YYYY-MM-DD.csv),
 * streamed; `?asOf=` for a past day.
 */
export const AGING_EXPORT_HREF = '/api/v1/reports/aging/export';
