import type { paths } from '@settle/api-client';

type PaymentsQuery = NonNullable<paths['/api/v1/payments']['get']['parameters']['query']>;
export type PaymentSort = NonNullable<PaymentsQuery['sort']>;

export interface PaymentsListParams {
  page: number;
  pageSize: number;
  organizationId?: string;
  status?: PaymentsQuery['status'];
  /** failed: payments failing to sync to accounting (the Overview's Resolve Now). */
  accountingSync?: PaymentsQuery['accountingSync'];
  /** Repeatable: payments allocated to any of these invoices (at most 200). */
  invoiceId?: PaymentsQuery['invoiceId'];
  from?: string;
  to?: string;
  q?: string;
  sort?: PaymentSort;
}

export const paymentsKeys = {
  all: ['payments'] as const,
  lists: () => [...paymentsKeys.all, 'list'] as const,
  list: (params: PaymentsListParams) => [...paymentsKeys.lists(), params] as const,
  details: () => [...paymentsKeys.all, 'detail'] as const,
  detail: (id: string) => [...paymentsKeys.details(), id] as const,
};
