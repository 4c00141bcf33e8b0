import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { agingKeys } from './keys';

/** Open balances of every organization by days past due, as of the MSP's today. */
export const getAging = () => unwrap(api.GET('/api/v1/reports/aging'));

export const getAgingQueryOptions = () =>
  queryOptions({ queryKey: agingKeys.totals(), queryFn: getAging });

export function useAging({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getAgingQueryOptions> } = {}) {
  return useQuery({ ...getAgingQueryOptions(), ...queryConfig });
}
