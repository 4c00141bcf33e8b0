import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { contactsKeys, type ContactsListParams } from './keys';

export const getContacts = (organizationId: string, params: ContactsListParams) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/contacts', {
      params: { path: { organizationId }, query: clean(params) },
    }),
  );

export const getContactsQueryOptions = (
  organizationId: string,
  params: ContactsListParams = { page: 1, pageSize: 25, sort: 'name' },
) =>
  queryOptions({
    queryKey: contactsKeys.list(organizationId, params),
    queryFn: () => getContacts(organizationId, params),
    placeholderData: keepPreviousData,
  });

export function useContacts({
  organizationId,
  params,
  queryConfig,
}: {
  organizationId: string;
  params: ContactsListParams;
  queryConfig?: QueryConfig<typeof getContactsQueryOptions>;
}) {
  return useQuery({ ...getContactsQueryOptions(organizationId, params), ...queryConfig });
}
