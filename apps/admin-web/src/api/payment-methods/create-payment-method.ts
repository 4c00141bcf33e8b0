import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentMethodChange } from './invalidate';

/** Stores a method from a gateway token (never a card or account number). */
export const createPaymentMethod = ({
  organizationId,
  idempotencyKey,
  data,
}: {
  organizationId: string;
  idempotencyKey: string;
  data: { token: string; friendlyName?: string; makeDefault?: boolean };
}) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/payment-methods', {
      params: { path: { organizationId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: data,
    }),
  );

export function useCreatePaymentMethod({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createPaymentMethod> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createPaymentMethod,
    onSuccess: (...args) => {
      invalidateAfterPaymentMethodChange(queryClient);
      onSuccess?.(...args);
    },
  });
}
