import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { usersKeys } from './keys';

export const STAFF_ROLES = ['admin', 'billing', 'viewer'] as const;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const createUserInputSchema = z.object({
  name: z.string().trim().min(1, 'is required'),
  email: z.string().trim().min(1, 'is required').email('must be an email address'),
  role: z.enum(STAFF_ROLES),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});

export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const createUser = (body: CreateUserInput) => unwrap(api.POST('/api/v1/users', { body }));

export function useCreateUser({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createUser> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createUser,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
