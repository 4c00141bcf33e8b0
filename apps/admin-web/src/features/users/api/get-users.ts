import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { usersKeys, type UsersListParams } from './keys';

export const getUsers = (params: UsersListParams) =>
  unwrap(api.GET('/api/v1/users', { params: { query: params } }));

export const getUsersQueryOptions = (params: UsersListParams = { page: 1, pageSize: 25 }) =>
  queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: () => getUsers(params),
    placeholderData: keepPreviousData,
  });

export function useUsers({
  params,
  queryConfig,
}: {
  params: UsersListParams;
  queryConfig?: QueryConfig<typeof getUsersQueryOptions>;
}) {
  return useQuery({ ...getUsersQueryOptions(params), ...queryConfig });
}
