import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';
import type { ExcludableCategory } from './types';

/** The categories an organization can opt out of; portal access emails are always sent. */
export const EXCLUDABLE_CATEGORIES = [
  'receipts',
  'notices',
  'statements',
] as const satisfies readonly ExcludableCategory[];

export const emailExclusionsInputSchema = z.object({
  categories: z.array(z.enum(EXCLUDABLE_CATEGORIES)),
});

export const updateEmailExclusions = ({
  organizationId,
  categories,
}: {
  organizationId: string;
  categories: ExcludableCategory[];
}) =>
  unwrap(
    api.PUT('/api/v1/organizations/{organizationId}/email-exclusions', {
      params: { path: { organizationId } },
      body: { categories },
    }),
  );

export function useUpdateEmailExclusions({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateEmailExclusions> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateEmailExclusions,
    onSuccess: (data, variables, ...args) => {
      queryClient.setQueryData(emailsKeys.exclusions(variables.organizationId), data);
      onSuccess?.(data, variables, ...args);
    },
  });
}
