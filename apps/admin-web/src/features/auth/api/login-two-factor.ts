import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { signedIn } from './login';

/** The second step: a 6-digit code from the app, or one of the recovery codes. */
export const twoFactorCodeInputSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits your app shows')),
});

export const recoveryCodeInputSchema = z.object({
  recoveryCode: z.string().trim().min(1, 'is required'),
});

export type LoginTwoFactorInput = { code: string } | { recoveryCode: string };

export const loginTwoFactor = (body: LoginTwoFactorInput) =>
  unwrap(api.POST('/api/v1/auth/login/two-factor', { body }));

export function useLoginTwoFactor({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof loginTwoFactor> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: loginTwoFactor,
    onSuccess: (user, ...args) => {
      signedIn(queryClient, user);
      onSuccess?.(user, ...args);
    },
  });
}
