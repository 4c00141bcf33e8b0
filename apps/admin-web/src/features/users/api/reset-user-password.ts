import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './create-user';

export const resetPasswordInputSchema = z.object({
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
});

export const resetUserPassword = ({ id, password }: { id: string; password: string }) =>
  unwrap(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { password } }));

export function useResetUserPassword({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof resetUserPassword> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: resetUserPassword });
}
