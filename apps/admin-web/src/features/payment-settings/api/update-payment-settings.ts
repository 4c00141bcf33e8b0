import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { paymentMethodsKeys } from '@/api/payment-methods/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { paymentSettingsKeys } from './keys';
import type { UpdatePaymentSettingsDto } from './types';

export const updatePaymentSettings = (body: UpdatePaymentSettingsDto) =>
  unwrap(api.PUT('/api/v1/settings/payments', { body }));

export function useUpdatePaymentSettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updatePaymentSettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updatePaymentSettings,
    onSuccess: (saved, ...args) => {
      queryClient.setQueryData(paymentSettingsKeys.settings(), saved);
      // the gateway and fee every pay flow reads
      void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.gateway() });
      onSuccess?.(saved, ...args);
    },
  });
}
