import type { paths } from '@settle/api-client';

type InvoicesQuery = NonNullable<paths['/api/v1/invoices']['get']['parameters']['query']>;
export type InvoiceSort = NonNullable<InvoicesQuery['sort']>;

export interface InvoicesListParams {
  page: number;
  pageSize: number;
  organizationId?: string;
  /** Only these invoices (at most 200). */
  id?: InvoicesQuery['id'];
  status?: InvoicesQuery['status'];
  /** Only invoices a payment can still go to: open, with an open balance above 0. */
  payable?: InvoicesQuery['payable'];
  pastDue?: InvoicesQuery['pastDue'];
  overAllocated?: InvoicesQuery['overAllocated'];
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  sort?: InvoiceSort;
}

export const invoicesKeys = {
  all: ['invoices'] as const,
  lists: () => [...invoicesKeys.all, 'list'] as const,
  list: (params: InvoicesListParams) => [...invoicesKeys.lists(), params] as const,
  details: () => [...invoicesKeys.all, 'detail'] as const,
  detail: (id: string) => [...invoicesKeys.details(), id] as const,
  activity: (id: string) => [...invoicesKeys.detail(id), 'activity'] as const,
};
