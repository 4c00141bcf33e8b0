import { unwrap } from '@settle/api-client';
import type { components } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { invalidateAfterContactChange } from './invalidate';
import type { CreateContactBody } from './types';

export const contactInputSchema = z.object({
  firstName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  lastName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  email: z.string().trim().min(1, 'is required').email('must be an email address'),
  phone: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .transform((v) => v || null),
  accessProfileId: z.string().transform((v) => v || null),
  isDefaultNotification: z.boolean(),
});

export type ContactFormValues = z.input<typeof contactInputSchema>;

export const createContact = ({
  organizationId,
  data,
}: {
  organizationId: string;
  data: CreateContactBody;
}) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/contacts', {
      params: { path: { organizationId } },
      // see CreateContactBody: the generated DTO mistypes accessProfileId
      body: data as unknown as components['schemas']['CreateContactDto'],
    }),
  );

export function useCreateContact({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof createContact> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createContact,
    onSuccess: (data, variables, ...args) => {
      invalidateAfterContactChange(queryClient, variables.organizationId);
      onSuccess?.(data, variables, ...args);
    },
  });
}
