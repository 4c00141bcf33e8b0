import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { autopayKeys } from './keys';

/** An organization's AutoPay rules, in the order they are tried. */
export const getAutopayRules = (organizationId: string) =>
  unwrap(
    api.GET('/api/v1/organizations/{organizationId}/autopay-rules', {
      params: { path: { organizationId } },
    }),
  );

export const getAutopayRulesQueryOptions = (organizationId: string) =>
  queryOptions({
    queryKey: autopayKeys.rules(organizationId),
    queryFn: () => getAutopayRules(organizationId),
  });

export function useAutopayRules({ organizationId }: { organizationId: string }) {
  return useQuery(getAutopayRulesQueryOptions(organizationId));
}
