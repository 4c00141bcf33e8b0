import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { paymentsKeys } from '@/api/payments/keys';
import { paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export type AccountingSyncAction = 'retry' | 'dismiss' | 'hide' | 'unhide';

/** Retry or dismiss a payment's accounting sync, or hide it from the portal (or show it again). */
export const runAccountingSyncAction = ({
  id,
  action,
}: {
  id: string;
  action: AccountingSyncAction;
}) => {
  const params = { params: { path: { id } } };
  switch (action) {
    case 'retry':
      return unwrap(api.POST('/api/v1/payments/{id}/accounting-sync/retry', params));
    case 'dismiss':
      return unwrap(api.POST('/api/v1/payments/{id}/accounting-sync/dismiss', params));
    case 'hide':
      return unwrap(api.POST('/api/v1/payments/{id}/hide', params));
    case 'unhide':
      return unwrap(api.POST('/api/v1/payments/{id}/unhide', params));
  }
};

export function useAccountingSyncAction({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof runAccountingSyncAction> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: runAccountingSyncAction,
    onSuccess: (payment, ...args) => {
      queryClient.setQueryData(paymentsKeys.detail(payment.id), payment);
      void queryClient.invalidateQueries({ queryKey: paymentsKeys.lists() });
      // the Overview's "failing to sync" count
      void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.attention() });
      onSuccess?.(payment, ...args);
    },
  });
}
