import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { invalidateAfterPaymentMethodChange } from '@/api/payment-methods/invalidate';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const renamePaymentMethodInputSchema = z.object({
  friendlyName: z.string().trim().min(1, 'Enter a name').max(100, 'must be at most 100 characters'),
});

/** Renames a method, or makes it the default (`isDefault: true`; the default moves, never unsets). */
export const updatePaymentMethod = ({
  organizationId,
  id,
  data,
}: {
  organizationId: string;
  id: string;
  data: { friendlyName?: string; isDefault?: boolean };
}) =>
  unwrap(
    api.PATCH('/api/v1/organizations/{organizationId}/payment-methods/{id}', {
      params: { path: { organizationId, id } },
      body: data,
    }),
  );

export function useUpdatePaymentMethod({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updatePaymentMethod> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updatePaymentMethod,
    onSuccess: (...args) => {
      invalidateAfterPaymentMethodChange(queryClient);
      onSuccess?.(...args);
    },
  });
}
