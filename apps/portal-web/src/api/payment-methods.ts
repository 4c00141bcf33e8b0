import { unwrap, type components } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type PortalPaymentMethod = components['schemas']['PortalPaymentMethodDto'];

export function usePaymentMethods({
  organizationId,
  enabled = true,
}: {
  organizationId: string;
  enabled?: boolean;
}) {
  return useQuery({
    queryKey: ['portal', organizationId, 'payment-methods'] as const,
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/payment-methods', {
          params: { path: { organizationId } },
        }),
      ),
  });
}
