import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { emailSettingsKeys } from './keys';
import type { UpdateStaffNotificationsDto } from './types';

/** The staff emails a user can be subscribed to, in the order the screen shows them. */
export const STAFF_NOTIFICATION_KINDS = [
  'paymentMade',
  'dailySummary',
  'emailFailures',
  'autopayRuns',
  'autopayApprovals',
  'accessRequests',
] as const;

export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

const subscriptionSchema = z.object({
  userId: z.string(),
  paymentMade: z.boolean(),
  dailySummary: z.boolean(),
  emailFailures: z.boolean(),
  autopayRuns: z.boolean(),
  autopayApprovals: z.boolean(),
  accessRequests: z.boolean(),
});

/**
 * One row per staff user on screen; the PUT replaces the whole list, so every user with a tick is
 * sent and a user with none is left out (the same as all false).
 */
export const staffNotificationsInputSchema = z
  .object({ rows: z.array(subscriptionSchema) })
  .transform((v): UpdateStaffNotificationsDto => ({
    subscriptions: v.rows.filter((row) => STAFF_NOTIFICATION_KINDS.some((kind) => row[kind])),
  }));

export type StaffNotificationsInput = z.input<typeof staffNotificationsInputSchema>;

export const updateStaffNotifications = (body: UpdateStaffNotificationsDto) =>
  unwrap(api.PUT('/api/v1/settings/email/staff-notifications', { body }));

export function useUpdateStaffNotifications({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateStaffNotifications> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateStaffNotifications,
    onSuccess: (data, ...args) => {
      queryClient.setQueryData(emailSettingsKeys.staffNotifications(), data);
      onSuccess?.(data, ...args);
    },
  });
}
