import type { paths } from '@settle/api-client';

type EmailsQuery = NonNullable<paths['/api/v1/emails']['get']['parameters']['query']>;
export type EmailSort = NonNullable<EmailsQuery['sort']>;

export interface EmailsListParams {
  page: number;
  pageSize: number;
  organizationId?: string;
  contactId?: string;
  invoiceId?: string;
  paymentId?: string;
  type?: EmailsQuery['type'];
  status?: EmailsQuery['status'];
  q?: string;
  sort?: EmailSort;
}

export const emailsKeys = {
  all: ['emails'] as const,
  lists: () => [...emailsKeys.all, 'list'] as const,
  list: (params: EmailsListParams) => [...emailsKeys.lists(), params] as const,
  details: () => [...emailsKeys.all, 'detail'] as const,
  detail: (id: string) => [...emailsKeys.details(), id] as const,
  exclusions: (organizationId: string) =>
    [...emailsKeys.all, 'exclusions', organizationId] as const,
};
