import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';
import type { CreateInstallmentsDto } from './types';

/**
 * Splits the allocations into `count` scheduled payments, weekly or monthly. The same
 * `idempotencyKey` replays the first plan: a retried confirm never books a second plan.
 */
export const createInstallments = ({
  idempotencyKey,
  data,
}: {
  idempotencyKey: string;
  data: CreateInstallmentsDto;
}) =>
  unwrap(
    api.POST('/api/v1/payments/installments', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: data,
    }),
  );

export function useCreateInstallments({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createInstallments> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createInstallments,
    onSuccess: (plan, ...args) => {
      for (const payment of plan.payments)
        queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, args[0].data.organizationId);
      onSuccess?.(plan, ...args);
    },
  });
}
