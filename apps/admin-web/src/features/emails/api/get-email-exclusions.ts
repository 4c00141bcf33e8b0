import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';

/** The automated email categories the organization does not receive. */
export const getEmailExclusions = (organizationId: string) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/email-exclusions', {
      params: { path: { organizationId } },
    }),
  );

export const getEmailExclusionsQueryOptions = (organizationId: string) =>
  queryOptions({
    queryKey: emailsKeys.exclusions(organizationId),
    queryFn: () => getEmailExclusions(organizationId),
  });

export function useEmailExclusions({
  organizationId,
  queryConfig,
}: {
  organizationId: string;
  queryConfig?: QueryConfig<typeof getEmailExclusionsQueryOptions>;
}) {
  return useQuery({ ...getEmailExclusionsQueryOptions(organizationId), ...queryConfig });
}
