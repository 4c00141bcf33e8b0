import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getGeneralSettings = () => unwrap(api.GET('/api/v1/settings/general'));

export const getGeneralSettingsQueryOptions = () =>
  queryOptions({
    queryKey: ['settings', 'general'] as const,
    queryFn: getGeneralSettings,
  });

export function useGeneralSettings({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getGeneralSettingsQueryOptions> } = {}) {
  return useQuery({ ...getGeneralSettingsQueryOptions(), ...queryConfig });
}
