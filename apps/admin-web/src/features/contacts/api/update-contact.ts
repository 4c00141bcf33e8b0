import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterContactChange } from './invalidate';
import type { UpdateContactDto } from './types';

/** A contact's access at one organization, as its row edits it: '' is "no portal access". */
export const contactAccessInputSchema = z.object({
  accessProfileId: z.string(),
  isDefaultNotification: z.boolean(),
});

export type ContactAccessInput = z.infer<typeof contactAccessInputSchema>;

/** `accessProfileId: null` revokes the contact's portal access. */
export const updateContact = ({
  organizationId,
  contactId,
  data,
}: {
  organizationId: string;
  contactId: string;
  data: UpdateContactDto;
}) =>
  unwrap(
    api.PATCH('/api/v1/organizations/{organizationId}/contacts/{contactId}', {
      params: { path: { organizationId, contactId } },
      body: data,
    }),
  );

export function useUpdateContact({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateContact> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateContact,
    onSuccess: (data, variables, ...args) => {
      invalidateAfterContactChange(queryClient, variables.organizationId);
      onSuccess?.(data, variables, ...args);
    },
  });
}
