import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

/** A one-time, one-minute link to the portal as the organization's contacts see it (audited). */
export const openPortalView = ({ organizationId }: { organizationId: string }) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/portal-view', {
      params: { path: { organizationId } },
    }),
  );

export function useOpenPortalView({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof openPortalView> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: openPortalView });
}
