import { unwrap } from '@settle/api-client';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig, QueryConfig } from '@/lib/react-query';

export const getSecuritySettings = () => unwrap(api.GET('/api/v1/settings/security'));

export const getSecuritySettingsQueryOptions = () =>
  queryOptions({ queryKey: ['settings', 'security'] as const, queryFn: getSecuritySettings });

export function useSecuritySettings({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getSecuritySettingsQueryOptions> } = {}) {
  return useQuery({ ...getSecuritySettingsQueryOptions(), ...queryConfig });
}

export const securitySettingsInputSchema = z.object({ requireTwoFactor: z.boolean() });

export type SecuritySettingsInput = z.infer<typeof securitySettingsInputSchema>;

export const updateSecuritySettings = (body: SecuritySettingsInput) =>
  unwrap(api.PUT('/api/v1/settings/security', { body }));

export function useUpdateSecuritySettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateSecuritySettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateSecuritySettings,
    onSuccess: (data, ...args) => {
      queryClient.setQueryData(getSecuritySettingsQueryOptions().queryKey, data);
      onSuccess?.(data, ...args);
    },
  });
}
