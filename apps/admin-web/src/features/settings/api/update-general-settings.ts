import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { getBrandingQueryOptions } from './get-branding';
import { getGeneralSettingsQueryOptions } from './get-general-settings';

export const CURRENCIES = ['USD', 'CAD', 'EUR', 'GBP', 'AUD', 'NZD'] as const;
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;

export const generalSettingsInputSchema = z.object({
  mspName: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  timeZone: z.string().min(1, 'is required'),
  defaultCurrency: z.enum(CURRENCIES),
  logoDataUrl: z.string().nullable(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2563eb'),
});

export type GeneralSettingsInput = z.infer<typeof generalSettingsInputSchema>;

export const updateGeneralSettings = (body: GeneralSettingsInput) =>
  unwrap(api.PUT('/api/v1/settings/general', { body }));

export function useUpdateGeneralSettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateGeneralSettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateGeneralSettings,
    onSuccess: (data, ...args) => {
      queryClient.setQueryData(getGeneralSettingsQueryOptions().queryKey, data);
      void queryClient.invalidateQueries({ queryKey: getBrandingQueryOptions().queryKey });
      onSuccess?.(data, ...args);
    },
  });
}
