import { unwrap, type components } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type AccessRequest = components['schemas']['PortalAccessRequestDto'];

/** Asks the MSP's staff for a portal login; they are emailed who asked. */
export function useRequestAccess() {
  return useMutation({
    mutationFn: (body: AccessRequest) =>
      unwrap(api.POST('/api/v1/portal/auth/access-requests', { body })),
  });
}
