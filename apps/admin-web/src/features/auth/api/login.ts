import { unwrap, type MeResponseDto, type UserResponseDto } from '@settle/api-client';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
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

/** A signed-in user becomes "me" at once; the API then says whether enrolment is required. */
export function signedIn(queryClient: QueryClient, user: UserResponseDto): void {
  const me: MeResponseDto = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    kind: 'user',
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorEnrolmentRequired: false,
  };
  queryClient.setQueryData(getMeQueryOptions().queryKey, me);
  void queryClient.invalidateQueries({ queryKey: getMeQueryOptions().queryKey });
}

export function useLogin({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof login> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: login,
    onSuccess: (result, ...args) => {
      // With two-factor sign-in the password is only the first step.
      if (!('twoFactorRequired' in result)) signedIn(queryClient, result);
      onSuccess?.(result, ...args);
    },
  });
}
