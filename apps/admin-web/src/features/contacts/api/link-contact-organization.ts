import { unwrap } from '@settle/api-client';
import type { components } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterContactChange } from './invalidate';

export const linkContactInputSchema = z.object({
  organizationId: z.string().min(1, 'Choose an organization'),
  // '' is "no portal access yet"
  accessProfileId: z.string().transform((v) => v || null),
});

/** Links an existing contact to another organization with an access profile there. */
export const linkContactOrganization = ({
  contactId,
  organizationId,
  accessProfileId,
}: {
  contactId: string;
  organizationId: string;
  accessProfileId: string | null;
}) =>
  unwrap(
    api.POST('/api/v1/contacts/{contactId}/organizations', {
      params: { path: { contactId } },
      // the generated LinkContactDto mistypes accessProfileId (uuid | null on the wire)
      body: {
        organizationId,
        accessProfileId,
      } as unknown as components['schemas']['LinkContactDto'],
    }),
  );

export function useLinkContactOrganization({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof linkContactOrganization> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: linkContactOrganization,
    onSuccess: (data, variables, ...args) => {
      invalidateAfterContactChange(queryClient, variables.organizationId);
      onSuccess?.(data, variables, ...args);
    },
  });
}
