import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

const meQueryKey = ['portal', 'me'] as const;

const getMe = () => unwrap(api.GET('/api/v1/portal/me'));

/** The signed-in contact and its organizations; a 401 means nobody is signed in. */
export const getMeQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });

export function useMe() {
  return useQuery(getMeQueryOptions());
}
