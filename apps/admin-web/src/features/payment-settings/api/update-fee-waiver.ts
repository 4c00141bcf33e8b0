import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { paymentSettingsKeys } from './keys';

/** Waives (or charges again) the convenience fee on one organization's card payments. */
export const updateFeeWaiver = ({ id, waived }: { id: string; waived: boolean }) =>
  unwrap(
    api.PATCH('/api/v1/organizations/{id}', {
      params: { path: { id } },
      body: { convenienceFeeWaived: waived },
    }),
  );

export function useUpdateFeeWaiver({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateFeeWaiver> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateFeeWaiver,
    onSuccess: (organization, ...args) => {
      queryClient.setQueryData(organizationsKeys.detail(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: paymentSettingsKeys.waivers() });
      void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
      onSuccess?.(organization, ...args);
    },
  });
}
