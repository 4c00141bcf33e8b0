import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { invalidateAfterPaymentMethodChange } from '@/api/payment-methods/invalidate';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

/** Removes a method no scheduled or processing payment uses (409 otherwise). */
export const deletePaymentMethod = ({
  organizationId,
  id,
}: {
  organizationId: string;
  id: string;
}) =>
  unwrap(
    api.DELETE('/api/v1/organizations/{organizationId}/payment-methods/{id}', {
      params: { path: { organizationId, id } },
    }),
  );

export function useDeletePaymentMethod({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof deletePaymentMethod> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: deletePaymentMethod,
    onSuccess: (...args) => {
      invalidateAfterPaymentMethodChange(queryClient);
      onSuccess?.(...args);
    },
  });
}
