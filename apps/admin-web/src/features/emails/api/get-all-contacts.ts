import { queryOptions, useQuery } from '@tanstack/react-query';

import { getContacts } from '@/api/contacts/get-contacts';
import { contactsKeys } from '@/api/contacts/keys';
import type { QueryConfig } from '@/lib/react-query';

import type { ContactDto } from './types';

const PAGE_SIZE = 200;

/** Every contact of the organization, page after page (the API gives at most 200 at once). */
export async function getAllContacts(organizationId: string): Promise<ContactDto[]> {
  const all: ContactDto[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await getContacts(organizationId, {
      page,
      pageSize: PAGE_SIZE,
      sort: 'name',
    });
    all.push(...data);
    if (data.length === 0 || all.length >= total) return all;
  }
}

export const getAllContactsQueryOptions = (organizationId: string) =>
  queryOptions({
    // under the organization's contact lists: a contact change refreshes it too
    queryKey: [...contactsKeys.lists(organizationId), 'all'] as const,
    queryFn: () => getAllContacts(organizationId),
  });

export function useAllContacts({
  organizationId,
  queryConfig,
}: {
  organizationId: string;
  queryConfig?: QueryConfig<typeof getAllContactsQueryOptions>;
}) {
  return useQuery({ ...getAllContactsQueryOptions(organizationId), ...queryConfig });
}
