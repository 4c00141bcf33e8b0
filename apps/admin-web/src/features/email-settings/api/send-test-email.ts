import { unwrap } from '@settle/api-client';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const testEmailInputSchema = z.object({
  to: z.string().trim().min(1, 'is required').email('must be an email address'),
});

/** A test email through the configured server (202: queued; its row shows how it went). */
export const sendTestEmail = ({ to, idempotencyKey }: { to: string; idempotencyKey: string }) =>
  unwrap(
    api.POST('/api/v1/settings/email/test', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: { to },
    }),
  );

export function useSendTestEmail({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof sendTestEmail> } = {}) {
  return useMutation({ ...mutationConfig, mutationFn: sendTestEmail });
}
