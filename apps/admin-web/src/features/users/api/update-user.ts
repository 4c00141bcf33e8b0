import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import type { CreateUserInput } from './create-user';
import { usersKeys } from './keys';

export interface UpdateUserInput {
  name?: string;
  role?: CreateUserInput['role'];
  disabled?: boolean;
}

export const updateUser = ({ id, data }: { id: string; data: UpdateUserInput }) =>
  unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: data }));

export function useUpdateUser({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateUser> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateUser,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
