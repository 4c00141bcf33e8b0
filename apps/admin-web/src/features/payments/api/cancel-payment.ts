import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';

export const cancelPaymentInputSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .transform((v) => v || undefined),
});

/** Cancels a scheduled payment (409 once it has run). */
export const cancelPayment = ({ id, reason }: { id: string; reason?: string }) =>
  unwrap(
    api.POST('/api/v1/payments/{id}/cancel', {
      params: { path: { id } },
      body: reason ? { reason } : {},
    }),
  );

export function useCancelPayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof cancelPayment> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: cancelPayment,
    onSuccess: (payment, ...args) => {
      queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, payment.organizationId);
      onSuccess?.(payment, ...args);
    },
  });
}
