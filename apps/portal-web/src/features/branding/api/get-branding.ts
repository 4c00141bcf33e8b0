import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

export const getBranding = () => unwrap(api.GET('/api/v1/settings/branding'));

export const getBrandingQueryOptions = () =>
  queryOptions({
    queryKey: ['settings', 'branding'] as const,
    queryFn: getBranding,
    staleTime: 5 * 60_000,
  });

export function useBranding({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getBrandingQueryOptions> } = {}) {
  return useQuery({ ...getBrandingQueryOptions(), ...queryConfig });
}
