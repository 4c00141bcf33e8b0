import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';

/** Mass welcome: the access profile whose never-signed-in contacts are invited. */
export const massWelcomeInputSchema = z.object({
  accessProfileId: z.string().min(1, 'Choose an access profile'),
});

/** The portal emails staff send one contact: an invitation, or a link to set a new password. */
export type AccessEmail = 'welcome' | 'password_reset';

/**
 * A welcome (invitation, link valid 7 days) or password reset email to one contact of the
 * organization (202: queued). Refused (422) when the contact has no access profile there.
 */
export const sendAccessEmail = ({
  organizationId,
  contactId,
  kind,
  idempotencyKey,
}: {
  organizationId: string;
  contactId: string;
  kind: AccessEmail;
  idempotencyKey: string;
}) => {
  const params = {
    path: { organizationId, contactId },
    header: { 'Idempotency-Key': idempotencyKey },
  };
  return unwrap(
    kind === 'welcome'
      ? api.POST('/api/v1/organizations/{organizationId}/contacts/{contactId}/welcome', { params })
      : api.POST('/api/v1/organizations/{organizationId}/contacts/{contactId}/password-reset', {
          params,
        }),
  );
};

export function useSendAccessEmail({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof sendAccessEmail> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: sendAccessEmail,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: emailsKeys.lists() });
      onSuccess?.(...args);
    },
  });
}
