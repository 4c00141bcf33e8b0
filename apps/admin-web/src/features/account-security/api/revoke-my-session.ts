import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { accountSecurityKeys } from './keys';

export const revokeMySession = (id: string) =>
  unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));

export function useRevokeMySession({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof revokeMySession> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: revokeMySession,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: accountSecurityKeys.sessions() });
      onSuccess?.(...args);
    },
  });
}
