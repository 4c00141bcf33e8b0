import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { contactsKeys } from '@/api/contacts/keys';
import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

export const notificationEmailsInputSchema = z.object({ contactIds: z.array(z.string()) });

export const updateNotificationEmails = ({
  organizationId,
  contactIds,
}: {
  organizationId: string;
  contactIds: string[];
}) =>
  unwrap(
    api.PUT('/api/v1/organizations/{organizationId}/notification-emails', {
      params: { path: { organizationId } },
      body: { contactIds },
    }),
  );

export function useUpdateNotificationEmails({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateNotificationEmails> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateNotificationEmails,
    onSuccess: (data, variables, ...args) => {
      queryClient.setQueryData(
        organizationsKeys.notificationEmails(variables.organizationId),
        data,
      );
      // the contacts' "default notification" flags follow the list
      void queryClient.invalidateQueries({
        queryKey: contactsKeys.lists(variables.organizationId),
      });
      onSuccess?.(data, variables, ...args);
    },
  });
}
