import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentChange } from './invalidate';
import type { CreatePaymentDto } from './types';

/**
 * Pays invoices now, or on `scheduledFor`. A gateway decline is still a 201 (`status: "failed"`).
 * The same `idempotencyKey` replays the first answer: retries of one confirm never charge twice.
 */
export const createPayment = ({
  idempotencyKey,
  data,
}: {
  idempotencyKey: string;
  data: CreatePaymentDto;
}) =>
  unwrap(
    api.POST('/api/v1/payments', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: data,
    }),
  );

export function useCreatePayment({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createPayment> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createPayment,
    onSuccess: (payment, ...args) => {
      queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      invalidateAfterPaymentChange(queryClient, payment.organizationId);
      onSuccess?.(payment, ...args);
    },
  });
}
