import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterPaymentMethodChange } from './invalidate';

/** The sandbox's add form: a test method's token, an optional name, and "make default". */
export const paymentMethodInputSchema = z
  .object({
    token: z.string().min(1, 'Choose a test payment method'),
    friendlyName: z.string().trim().max(100, 'must be at most 100 characters'),
    makeDefault: z.boolean(),
  })
  .transform(({ token, friendlyName, makeDefault }) => ({
    token,
    ...(friendlyName ? { friendlyName } : {}),
    ...(makeDefault ? { makeDefault: true } : {}),
  }));

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
