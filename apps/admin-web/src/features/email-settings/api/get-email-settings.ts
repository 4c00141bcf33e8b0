import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailSettingsKeys } from './keys';

/** Where email goes and who it is from; the SMTP URL itself is never returned. */
export const getEmailSettings = () => unwrap(api.GET('/api/v1/settings/email'));

export const getEmailSettingsQueryOptions = () =>
  queryOptions({ queryKey: emailSettingsKeys.settings(), queryFn: getEmailSettings });

export function useEmailSettings({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getEmailSettingsQueryOptions> } = {}) {
  return useQuery({ ...getEmailSettingsQueryOptions(), ...queryConfig });
}
