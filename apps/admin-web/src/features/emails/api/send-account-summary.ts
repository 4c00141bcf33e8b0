import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';

/** The API sends one account summary per contact, to at most 50 at once. */
export const MAX_SUMMARY_CONTACTS = 50;

export const accountSummaryInputSchema = z.object({
  contactIds: z
    .array(z.string())
    .min(1, 'Choose at least one contact')
    .max(MAX_SUMMARY_CONTACTS, `Choose at most ${MAX_SUMMARY_CONTACTS} contacts`),
});

/** One email per chosen contact, each with the statement PDF attached (202: queued). */
export const sendAccountSummary = ({
  organizationId,
  contactIds,
  idempotencyKey,
}: {
  organizationId: string;
  contactIds: string[];
  idempotencyKey: string;
}) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/account-summary', {
      params: { path: { organizationId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { contactIds },
    }),
  );

export function useSendAccountSummary({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof sendAccountSummary> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: sendAccountSummary,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: emailsKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
