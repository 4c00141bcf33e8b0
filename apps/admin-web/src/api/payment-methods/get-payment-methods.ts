import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { paymentMethodsKeys } from './keys';

/** An organization's stored cards and bank accounts, default first. */
export const getPaymentMethods = (organizationId: string) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/payment-methods', {
      params: { path: { organizationId } },
    }),
  );

export const getPaymentMethodsQueryOptions = (organizationId: string) =>
  queryOptions({
    queryKey: paymentMethodsKeys.organization(organizationId),
    queryFn: () => getPaymentMethods(organizationId),
  });

export function usePaymentMethods({
  organizationId,
  queryConfig,
}: {
  organizationId: string;
  queryConfig?: QueryConfig<typeof getPaymentMethodsQueryOptions>;
}) {
  return useQuery({ ...getPaymentMethodsQueryOptions(organizationId), ...queryConfig });
}
