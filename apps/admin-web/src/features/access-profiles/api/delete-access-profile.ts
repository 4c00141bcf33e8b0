import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { accessProfilesKeys } from '@/api/access-profiles/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const deleteAccessProfile = (id: string) =>
  unwrap(api.DELETE('/api/v1/access-profiles/{id}', { params: { path: { id } } }));

export function useDeleteAccessProfile({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof deleteAccessProfile> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: deleteAccessProfile,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: accessProfilesKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
