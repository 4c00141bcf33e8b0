import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { arOverviewKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import type { OrganizationBody, UpdateOrganizationDto } from './types';

export const updateOrganization = ({ id, data }: { id: string; data: OrganizationBody }) =>
  unwrap(
    api.PATCH('/api/v1/organizations/{id}', {
      params: { path: { id } },
      // see OrganizationBody: the generated AddressDto mistypes nullable text
      body: data as unknown as UpdateOrganizationDto,
    }),
  );

export function useUpdateOrganization({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateOrganization> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateOrganization,
    onSuccess: (org, ...args) => {
      queryClient.setQueryData(organizationsKeys.detail(org.id), org);
      void queryClient.invalidateQueries({ queryKey: organizationsKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: arOverviewKeys.all });
      onSuccess?.(org, ...args);
    },
  });
}
