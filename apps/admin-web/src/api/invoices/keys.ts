import type { paths } from '@settle/api-client';

type InvoicesQuery = NonNullable<paths['/api/v1/invoices']['get']['parameters']['query']>;
export type InvoiceSort = NonNullable<InvoicesQuery['sort']>;

export interface InvoicesListParams {
  page: number;
  pageSize: number;
  organizationId?: string;
  status?: InvoicesQuery['status'];
  pastDue?: InvoicesQuery['pastDue'];
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  sort?: InvoiceSort;
}

export const invoicesKeys = {
  all: ['invoices'] as const,
  lists: () => [...invoicesKeys.all, 'list'] as const,
  list: (params: InvoicesListParams) => [...invoicesKeys.lists(), params] as const,
};
