import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { invalidateAfterPaymentMethodChange } from '@/api/payment-methods/invalidate';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const unlockPaymentMethodInputSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why it is safe to charge this method again')
    .max(500, 'must be at most 500 characters'),
});

/** Lets a locked method be charged again; the reason is audited. */
export const unlockPaymentMethod = ({
  organizationId,
  id,
  reason,
}: {
  organizationId: string;
  id: string;
  reason: string;
}) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/payment-methods/{id}/unlock', {
      params: { path: { organizationId, id } },
      body: { reason },
    }),
  );

export function useUnlockPaymentMethod({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof unlockPaymentMethod> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: unlockPaymentMethod,
    onSuccess: (...args) => {
      invalidateAfterPaymentMethodChange(queryClient);
      onSuccess?.(...args);
    },
  });
}
