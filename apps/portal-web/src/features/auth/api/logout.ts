import { isApiError, unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/**
 * Ends the portal session; whatever was cached for the contact goes with it. A 401 means the
 * session had already ended: signed out all the same.
 */
export function useLogout({ onSignedOut }: { onSignedOut: () => void }) {
  const queryClient = useQueryClient();
  const signedOut = () => {
    queryClient.removeQueries({ queryKey: ['portal'] });
    onSignedOut();
  };
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/portal/auth/logout')),
    onSuccess: signedOut,
    onError: (error) => {
      if (isApiError(error) && error.status === 401) signedOut();
    },
  });
}
