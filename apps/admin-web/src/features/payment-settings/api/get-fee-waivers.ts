import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { paymentSettingsKeys } from './keys';

/** Waivers are rare (a handful of organizations at most): the first 200 are the whole list. */
export const WAIVERS_PAGE_SIZE = 200;

/** Organizations (active or hidden) whose card payments carry no convenience fee. */
export const getFeeWaivers = () =>
  unwrap(
    api.GET('/api/v1/organizations', {
      params: {
        query: {
          convenienceFeeWaived: 'true',
          status: 'all',
          sort: 'name',
          page: 1,
          pageSize: WAIVERS_PAGE_SIZE,
        },
      },
    }),
  );

export const getFeeWaiversQueryOptions = () =>
  queryOptions({ queryKey: paymentSettingsKeys.waivers(), queryFn: getFeeWaivers });

export function useFeeWaivers({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getFeeWaiversQueryOptions> } = {}) {
  return useQuery({ ...getFeeWaiversQueryOptions(), ...queryConfig });
}
