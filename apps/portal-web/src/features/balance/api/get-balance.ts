import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export const getBalanceQueryOptions = (organizationId: string) =>
  queryOptions({
    queryKey: ['portal', organizationId, 'balance'] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/balance', {
          params: { path: { organizationId } },
        }),
      ),
  });

export function useBalance({ organizationId }: { organizationId: string }) {
  return useQuery(getBalanceQueryOptions(organizationId));
}
