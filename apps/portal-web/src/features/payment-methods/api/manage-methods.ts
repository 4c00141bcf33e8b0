import { unwrap, type components } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

type CreateMethod = components['schemas']['PortalCreatePaymentMethodDto'];
type UpdateMethod = components['schemas']['UpdatePaymentMethodDto'];

const methodsKey = (organizationId: string) =>
  ['portal', organizationId, 'payment-methods'] as const;

/**
 * Stores a method from a gateway token. The same `idempotencyKey` replays the first answer, so
 * a retried submit never stores the method twice.
 */
export function useAddPaymentMethod(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, body }: { idempotencyKey: string; body: CreateMethod }) =>
      unwrap(
        api.POST('/api/v1/portal/organizations/{organizationId}/payment-methods', {
          params: { path: { organizationId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: methodsKey(organizationId) }),
  });
}

export function useUpdatePaymentMethod(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentMethodId, body }: { paymentMethodId: string; body: UpdateMethod }) =>
      unwrap(
        api.PATCH(
          '/api/v1/portal/organizations/{organizationId}/payment-methods/{paymentMethodId}',
          { params: { path: { organizationId, paymentMethodId } }, body },
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: methodsKey(organizationId) }),
  });
}

/** 409 when a scheduled or processing payment still uses the method. */
export function useRemovePaymentMethod(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (paymentMethodId: string) =>
      unwrap(
        api.DELETE(
          '/api/v1/portal/organizations/{organizationId}/payment-methods/{paymentMethodId}',
          { params: { path: { organizationId, paymentMethodId } } },
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: methodsKey(organizationId) }),
  });
}
