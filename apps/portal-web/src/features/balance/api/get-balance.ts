import { unwrap } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export function useBalance({ organizationId }: { organizationId: string }) {
  return useQuery({
    queryKey: ['portal', organizationId, 'balance'] as const,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/balance', {
          params: { path: { organizationId } },
        }),
      ),
  });
}
