import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { apiKeysKeys } from './keys';

export const revokeApiKey = ({ id }: { id: string }) =>
  unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } }));

export function useRevokeApiKey({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof revokeApiKey> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: revokeApiKey,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
