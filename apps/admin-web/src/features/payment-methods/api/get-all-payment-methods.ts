import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { paymentMethodsKeys, type AllPaymentMethodsParams } from '@/api/payment-methods/keys';
import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

/** Methods across organizations, with the organization's name (`status=locked` for the attention card). */
export const getAllPaymentMethods = (params: AllPaymentMethodsParams) =>
  unwrap(api.GET('/api/v1/payment-methods', { params: { query: clean(params) } }));

export const getAllPaymentMethodsQueryOptions = (params: AllPaymentMethodsParams) =>
  queryOptions({
    queryKey: paymentMethodsKeys.list(params),
    queryFn: () => getAllPaymentMethods(params),
    placeholderData: keepPreviousData,
  });

export function useAllPaymentMethods({
  params,
  queryConfig,
}: {
  params: AllPaymentMethodsParams;
  queryConfig?: QueryConfig<typeof getAllPaymentMethodsQueryOptions>;
}) {
  return useQuery({ ...getAllPaymentMethodsQueryOptions(params), ...queryConfig });
}
