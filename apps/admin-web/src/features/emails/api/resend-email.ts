import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';

/**
 * The same content to the same recipients, as a new email linked to this one (201). The key is
 * made when the confirmation opens, so a retried click never sends twice.
 */
export const resendEmail = ({ id, idempotencyKey }: { id: string; idempotencyKey: string }) =>
  unwrap(
    api.POST('/api/v1/emails/{id}/resend', {
      params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
    }),
  );

export function useResendEmail({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof resendEmail> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: resendEmail,
    onSuccess: (email, variables, ...args) => {
      queryClient.setQueryData(emailsKeys.detail(email.id), email);
      // the original gained a "resent" event; lists gained a row
      void queryClient.invalidateQueries({ queryKey: emailsKeys.detail(variables.id) });
      void queryClient.invalidateQueries({ queryKey: emailsKeys.lists() });
      onSuccess?.(email, variables, ...args);
    },
  });
}
