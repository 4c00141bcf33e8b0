import type { paths } from '@settle/api-client';

type OrganizationsQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;
export type OrganizationSort = NonNullable<OrganizationsQuery['sort']>;
export type OrganizationStatusFilter = NonNullable<OrganizationsQuery['status']>;

export interface OrganizationsListParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: OrganizationSort;
  status?: OrganizationStatusFilter;
  hasOpenBalance?: OrganizationsQuery['hasOpenBalance'];
  convenienceFeeWaived?: OrganizationsQuery['convenienceFeeWaived'];
}

export const organizationsKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationsKeys.all, 'list'] as const,
  list: (params: OrganizationsListParams) => [...organizationsKeys.lists(), params] as const,
  details: () => [...organizationsKeys.all, 'detail'] as const,
  detail: (id: string) => [...organizationsKeys.details(), id] as const,
  balance: (id: string) => [...organizationsKeys.detail(id), 'balance'] as const,
  /** Under `balance`: a payment that refreshes the balance refreshes the count too. */
  openInvoiceCount: (id: string) =>
    [...organizationsKeys.balance(id), 'open-invoice-count'] as const,
  credits: (id: string) => [...organizationsKeys.detail(id), 'credits'] as const,
  notificationEmails: (id: string) =>
    [...organizationsKeys.detail(id), 'notification-emails'] as const,
};
