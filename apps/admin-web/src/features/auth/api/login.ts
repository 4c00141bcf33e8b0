import { unwrap, type MeResponseDto } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { getMeQueryOptions } from './get-me';

export const loginInputSchema = z.object({
  email: z.string().trim().min(1, 'is required').email('must be an email address'),
  password: z.string().min(1, 'is required'),
});

export type LoginInput = z.infer<typeof loginInputSchema>;

export const login = (body: LoginInput) => unwrap(api.POST('/api/v1/auth/login', { body }));

export function useLogin({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof login> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: login,
    onSuccess: (user, ...args) => {
      const me: MeResponseDto = {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        kind: 'user',
      };
      queryClient.setQueryData(getMeQueryOptions().queryKey, me);
      onSuccess?.(user, ...args);
    },
  });
}
