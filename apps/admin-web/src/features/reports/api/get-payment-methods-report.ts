import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { reportKeys, type MethodsReportParams } from './keys';

export const getPaymentMethodsReport = (params: MethodsReportParams) =>
  unwrap(api.GET('/api/v1/reports/payment-methods', { params: { query: clean(params) } }));

export const getPaymentMethodsReportQueryOptions = (params: MethodsReportParams) =>
  queryOptions({
    queryKey: reportKeys.paymentMethods(params),
    queryFn: () => getPaymentMethodsReport(params),
    placeholderData: keepPreviousData,
  });

export function usePaymentMethodsReport({
  params,
  queryConfig,
}: {
  params: MethodsReportParams;
  queryConfig?: QueryConfig<typeof getPaymentMethodsReportQueryOptions>;
}) {
  return useQuery({ ...getPaymentMethodsReportQueryOptions(params), ...queryConfig });
}
