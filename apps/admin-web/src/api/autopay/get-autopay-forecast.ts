import { unwrap, type components } from '@settle/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type AutopayForecastCharge = components['schemas']['AutopayForecastChargeDto'];

/**
 * Under ['autopay'], so whatever changes AutoPay (a run, an approval, a rule) and invalidates
 * that prefix refreshes the forecast too.
 */
export const autopayForecastKeys = {
  all: ['autopay', 'forecast'] as const,
  range: (from: string, to: string, organizationId?: string) =>
    [...autopayForecastKeys.all, from, to, organizationId ?? null] as const,
};

/**
 * What AutoPay would charge on each date from `from` to `to` (at most 92 days; dates before the
 * MSP's today are not forecast), optionally for one organization. Disabled while `to` < `from`.
 */
export function useAutopayForecast({
  from,
  to,
  organizationId,
}: {
  from: string;
  to: string;
  organizationId?: string;
}) {
  return useQuery({
    queryKey: autopayForecastKeys.range(from, to, organizationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/autopay/forecast', { params: { query: { from, to, organizationId } } }),
      ),
    enabled: from <= to,
    placeholderData: keepPreviousData,
  });
}
