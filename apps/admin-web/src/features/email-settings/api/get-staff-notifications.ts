import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailSettingsKeys } from './keys';

/** Who gets which staff email; only users with a subscription row are listed. */
export const getStaffNotifications = () =>
  unwrap(api.GET('/api/v1/settings/email/staff-notifications'));

export const getStaffNotificationsQueryOptions = () =>
  queryOptions({
    queryKey: emailSettingsKeys.staffNotifications(),
    queryFn: getStaffNotifications,
  });

export function useStaffNotifications({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getStaffNotificationsQueryOptions> } = {}) {
  return useQuery({ ...getStaffNotificationsQueryOptions(), ...queryConfig });
}
