import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { paymentMethodsKeys } from './keys';

/** The active gateway, its publishable key, the convenience fee and (sandbox) the test methods. */
export const getPaymentGateway = () => unwrap(api.GET('/api/v1/payment-gateway'));

export const getPaymentGatewayQueryOptions = () =>
  queryOptions({
    queryKey: paymentMethodsKeys.gateway(),
    queryFn: getPaymentGateway,
    staleTime: 5 * 60_000,
  });

export function usePaymentGateway({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getPaymentGatewayQueryOptions> } = {}) {
  return useQuery({ ...getPaymentGatewayQueryOptions(), ...queryConfig });
}
