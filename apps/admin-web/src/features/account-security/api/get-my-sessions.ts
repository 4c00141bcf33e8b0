import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { accountSecurityKeys } from './keys';

export const getMySessions = () => unwrap(api.GET('/api/v1/auth/sessions'));

export const getMySessionsQueryOptions = () =>
  queryOptions({ queryKey: accountSecurityKeys.sessions(), queryFn: getMySessions });

export function useMySessions({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getMySessionsQueryOptions> } = {}) {
  return useQuery({ ...getMySessionsQueryOptions(), ...queryConfig });
}
