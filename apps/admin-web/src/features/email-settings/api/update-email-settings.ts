import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailSettingsKeys } from './keys';
import type { UpdateEmailSettingsDto } from './types';

const SMTP_URL = /^smtps?:\/\/[^\s/]+/i;

/**
 * Settings → Email. The SMTP URL is write-only: left empty, the stored one is kept; typed, it
 * replaces it; `useEnvironment` forgets the stored one so SMTP_URL (the environment) applies.
 */
export const emailSettingsInputSchema = z
  .object({
    from: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    replyTo: z.string().trim().max(200, 'must be at most 200 characters'),
    smtpUrl: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .refine(
        (v) => v === '' || SMTP_URL.test(v),
        'must look like smtp://user:password@host:587 or smtps://…:465',
      ),
    useEnvironment: z.boolean(),
  })
  .transform((v): UpdateEmailSettingsDto => ({
    from: v.from,
    replyTo: v.replyTo || null,
    ...(v.useEnvironment ? { smtpUrl: null } : v.smtpUrl ? { smtpUrl: v.smtpUrl } : {}),
  }));

export type EmailSettingsInput = z.input<typeof emailSettingsInputSchema>;

export const updateEmailSettings = (body: UpdateEmailSettingsDto) =>
  unwrap(api.PUT('/api/v1/settings/email', { body }));

export function useUpdateEmailSettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateEmailSettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateEmailSettings,
    onSuccess: (data, ...args) => {
      queryClient.setQueryData(emailSettingsKeys.settings(), data);
      onSuccess?.(data, ...args);
    },
  });
}
