import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { paymentsKeys } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** A payment with its allocations, refunds and timeline. */
export const getPayment = (id: string) =>
  unwrap(api.GET('/api/v1/payments/{id}', { params: { path: { id } } }));

export const getPaymentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: paymentsKeys.detail(id),
    queryFn: () => getPayment(id),
  });

export function usePayment({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getPaymentQueryOptions>;
}) {
  return useQuery({ ...getPaymentQueryOptions(id), ...queryConfig });
}
