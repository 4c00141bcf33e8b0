import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { moneyText } from '@/lib/forms/money-text';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';

/** The refund form: an amount up to what is left to refund (typed text → minor units). */
export const refundInputSchema = (currency: string, refundable: number) =>
  z.object({
    amount: moneyText(currency, { max: refundable, what: 'the refundable' }),
    reason: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .transform((v) => v || undefined),
  });

/** Refunds `amount` (minor units) to the invoices, or all that is left; 422 over the refundable. */
export const refundPayment = ({
  paymentId,
  organizationId: _organizationId,
  idempotencyKey,
  amount,
  reason,
}: {
  paymentId: string;
  /** Only for cache invalidation. */
  organizationId: string;
  idempotencyKey: string;
  amount: number;
  reason?: string;
}) =>
  unwrap(
    api.POST('/api/v1/payments/{id}/refunds', {
      params: { path: { id: paymentId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: reason ? { amount, reason } : { amount },
    }),
  );

export function useRefundPayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof refundPayment> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: refundPayment,
    onSuccess: (refund, variables, ...args) => {
      invalidateAfterPaymentChange(queryClient, variables.organizationId);
      onSuccess?.(refund, variables, ...args);
    },
  });
}
