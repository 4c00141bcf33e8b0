import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { PaymentStatus } from './types';

// The payment lists, in a module of their own: the Balance route's loader brings this one into the
// entry chunk, while the rest of the payments API (payments.ts) loads with the screens using it.

export const paymentsKeys = {
  all: (organizationId: string) => ['portal', organizationId, 'payments'] as const,
  list: (organizationId: string, query: PaymentsQuery) =>
    [...paymentsKeys.all(organizationId), 'list', query] as const,
  detail: (organizationId: string, paymentId: string) =>
    [...paymentsKeys.all(organizationId), 'detail', paymentId] as const,
  receipts: (organizationId: string, paymentId: string) =>
    [...paymentsKeys.detail(organizationId, paymentId), 'receipts'] as const,
};

interface PaymentsQuery {
  page?: number;
  pageSize?: number;
  status?: PaymentStatus;
  sort?: 'createdAt' | '-createdAt' | 'scheduledFor' | '-scheduledFor';
}

/** The dashboard's two lists: the payment that runs next, and the last few payments. */
export const dashboardPaymentsQueries = {
  nextScheduled: { status: 'scheduled', sort: 'scheduledFor', pageSize: 1 },
  recent: { sort: '-createdAt', pageSize: 5 },
} as const satisfies Record<string, PaymentsQuery>;

export const getPaymentsQueryOptions = (organizationId: string, query: PaymentsQuery) =>
  queryOptions({
    queryKey: paymentsKeys.list(organizationId, query),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/payments', {
          params: { path: { organizationId }, query },
        }),
      ),
  });

export function usePayments({
  organizationId,
  query,
}: {
  organizationId: string;
  query: PaymentsQuery;
}) {
  return useQuery({
    ...getPaymentsQueryOptions(organizationId, query),
    placeholderData: (previous) => previous,
  });
}
