import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * Payments per day between two calendar dates (at most 62 days apart), optionally of one
 * organization; only days with payments, each with its collected and expected money per currency.
 */
export const getPaymentsCalendar = (from: string, to: string, organizationId?: string) =>
  unwrap(
    api.GET('/api/v1/reports/payments-calendar', {
      params: { query: { from, to, organizationId } },
    }),
  );

export const getPaymentsCalendarQueryOptions = (
  from: string,
  to: string,
  organizationId?: string,
) =>
  queryOptions({
    queryKey: paymentReportsKeys.calendar(from, to, organizationId),
    queryFn: () => getPaymentsCalendar(from, to, organizationId),
    placeholderData: keepPreviousData,
  });

export function usePaymentsCalendar({
  from,
  to,
  organizationId,
  queryConfig,
}: {
  from: string;
  to: string;
  organizationId?: string;
  queryConfig?: QueryConfig<typeof getPaymentsCalendarQueryOptions>;
}) {
  return useQuery({ ...getPaymentsCalendarQueryOptions(from, to, organizationId), ...queryConfig });
}
