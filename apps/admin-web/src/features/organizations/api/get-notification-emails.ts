import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getNotificationEmails = (id: string) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/notification-emails', {
      params: { path: { organizationId: id } },
    }),
  );

export const getNotificationEmailsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: organizationsKeys.notificationEmails(id),
    queryFn: () => getNotificationEmails(id),
  });

export function useNotificationEmails({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getNotificationEmailsQueryOptions>;
}) {
  return useQuery({ ...getNotificationEmailsQueryOptions(id), ...queryConfig });
}
