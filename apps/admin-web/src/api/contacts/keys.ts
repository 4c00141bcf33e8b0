import type { paths } from '@settle/api-client';

type ContactsQuery = NonNullable<
  paths['/api/v1/organizations/{organizationId}/contacts']['get']['parameters']['query']
>;
export type ContactSort = NonNullable<ContactsQuery['sort']>;

export interface ContactsListParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: ContactSort;
}

export const contactsKeys = {
  all: ['contacts'] as const,
  lists: (organizationId: string) => [...contactsKeys.all, organizationId, 'list'] as const,
  list: (organizationId: string, params: ContactsListParams) =>
    [...contactsKeys.lists(organizationId), params] as const,
};
