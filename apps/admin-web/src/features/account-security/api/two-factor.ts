import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { meQueryKey } from '@/api/auth/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const setupTwoFactor = () => unwrap(api.POST('/api/v1/auth/two-factor/setup'));

export function useSetupTwoFactor({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof setupTwoFactor> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: setupTwoFactor });
}

export const enableTwoFactorInputSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits your app shows')),
});

export const enableTwoFactor = (body: { code: string }) =>
  unwrap(api.POST('/api/v1/auth/two-factor/enable', { body }));

export const currentPasswordInputSchema = z.object({
  password: z.string().min(1, 'is required'),
});

export const disableTwoFactor = (body: { password: string }) =>
  unwrap(api.POST('/api/v1/auth/two-factor/disable', { body }));

export const regenerateRecoveryCodes = (body: { password: string }) =>
  unwrap(api.POST('/api/v1/auth/two-factor/recovery-codes', { body }));

/** Turning 2FA on or off changes who "me" is allowed to be: read it again. */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meQueryKey });
}

export function useEnableTwoFactor({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof enableTwoFactor> } = {}) {
  const refreshMe = useRefreshMe();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: enableTwoFactor,
    onSuccess: (...args) => {
      // Not awaited: the recovery codes must show before anything re-renders the page.
      onSuccess?.(...args);
      void refreshMe();
    },
  });
}

export function useDisableTwoFactor({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof disableTwoFactor> } = {}) {
  const refreshMe = useRefreshMe();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: disableTwoFactor,
    onSuccess: async (...args) => {
      await refreshMe();
      onSuccess?.(...args);
    },
  });
}

export function useRegenerateRecoveryCodes({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof regenerateRecoveryCodes> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: regenerateRecoveryCodes });
}
