import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { paymentSettingsKeys } from './keys';

/** Gateway, convenience fee and sandbox settings; Stripe secrets only say whether they are set. */
export const getPaymentSettings = () => unwrap(api.GET('/api/v1/settings/payments'));

export const getPaymentSettingsQueryOptions = () =>
  queryOptions({ queryKey: paymentSettingsKeys.settings(), queryFn: getPaymentSettings });

export function usePaymentSettings({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getPaymentSettingsQueryOptions> } = {}) {
  return useQuery({ ...getPaymentSettingsQueryOptions(), ...queryConfig });
}
