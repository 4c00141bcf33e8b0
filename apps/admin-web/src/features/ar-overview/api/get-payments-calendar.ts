import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/** Payments per day between two calendar dates (at most 62 days apart); only days with payments. */
export const getPaymentsCalendar = (from: string, to: string) =>
  unwrap(api.GET('/api/v1/reports/payments-calendar', { params: { query: { from, to } } }));

export const getPaymentsCalendarQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: paymentReportsKeys.calendar(from, to),
    queryFn: () => getPaymentsCalendar(from, to),
    placeholderData: keepPreviousData,
  });

export function usePaymentsCalendar({
  from,
  to,
  queryConfig,
}: {
  from: string;
  to: string;
  queryConfig?: QueryConfig<typeof getPaymentsCalendarQueryOptions>;
}) {
  return useQuery({ ...getPaymentsCalendarQueryOptions(from, to), ...queryConfig });
}
