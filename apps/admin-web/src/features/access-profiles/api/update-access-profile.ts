import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { accessProfilesKeys } from '@/api/access-profiles/keys';
import type { UpdateAccessProfileInput } from '@/api/access-profiles/types';
import { contactsKeys } from '@/api/contacts/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const updateAccessProfile = ({ id, data }: { id: string; data: UpdateAccessProfileInput }) =>
  unwrap(api.PATCH('/api/v1/access-profiles/{id}', { params: { path: { id } }, body: data }));

export function useUpdateAccessProfile({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateAccessProfile> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateAccessProfile,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: accessProfilesKeys.lists() });
      // contacts show their profile's name
      void queryClient.invalidateQueries({ queryKey: contactsKeys.all });
      onSuccess?.(...args);
    },
  });
}
