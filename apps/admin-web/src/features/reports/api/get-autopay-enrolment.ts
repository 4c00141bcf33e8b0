import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { reportKeys, type AutopayEnrolmentParams } from './keys';

export const getAutopayEnrolment = (params: AutopayEnrolmentParams) =>
  unwrap(api.GET('/api/v1/reports/autopay-enrolment', { params: { query: clean(params) } }));

export const getAutopayEnrolmentQueryOptions = (params: AutopayEnrolmentParams) =>
  queryOptions({
    queryKey: reportKeys.autopayEnrolment(params),
    queryFn: () => getAutopayEnrolment(params),
    placeholderData: keepPreviousData,
  });

export function useAutopayEnrolment({
  params,
  queryConfig,
}: {
  params: AutopayEnrolmentParams;
  queryConfig?: QueryConfig<typeof getAutopayEnrolmentQueryOptions>;
}) {
  return useQuery({ ...getAutopayEnrolmentQueryOptions(params), ...queryConfig });
}
