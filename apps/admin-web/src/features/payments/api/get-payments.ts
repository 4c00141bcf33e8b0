import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { paymentsKeys, type PaymentsListParams } from '@/api/payments/keys';
import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

export const getPayments = (params: PaymentsListParams) =>
  unwrap(api.GET('/api/v1/payments', { params: { query: clean(params) } }));

export const getPaymentsQueryOptions = (
  params: PaymentsListParams = { page: 1, pageSize: 25, sort: '-createdAt' },
) =>
  queryOptions({
    queryKey: paymentsKeys.list(params),
    queryFn: () => getPayments(params),
    placeholderData: keepPreviousData,
  });

export function usePayments({
  params,
  queryConfig,
}: {
  params: PaymentsListParams;
  queryConfig?: QueryConfig<typeof getPaymentsQueryOptions>;
}) {
  return useQuery({ ...getPaymentsQueryOptions(params), ...queryConfig });
}
