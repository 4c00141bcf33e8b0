import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { reportKeys, type PortalLoginsParams } from './keys';

export const getPortalLogins = (params: PortalLoginsParams) =>
  unwrap(api.GET('/api/v1/reports/portal-logins', { params: { query: clean(params) } }));

export const getPortalLoginsQueryOptions = (params: PortalLoginsParams) =>
  queryOptions({
    queryKey: reportKeys.portalLogins(params),
    queryFn: () => getPortalLogins(params),
    placeholderData: keepPreviousData,
  });

export function usePortalLogins({
  params,
  queryConfig,
}: {
  params: PortalLoginsParams;
  queryConfig?: QueryConfig<typeof getPortalLoginsQueryOptions>;
}) {
  return useQuery({ ...getPortalLoginsQueryOptions(params), ...queryConfig });
}
