import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import type { StaffUserDto } from './types';

const PAGE_SIZE = 200;

/** Every staff user, disabled ones too, by name: all the pages of GET /users. */
export async function getAllStaffUsers(): Promise<StaffUserDto[]> {
  const users: StaffUserDto[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await unwrap(
      api.GET('/api/v1/users', { params: { query: { page, pageSize: PAGE_SIZE, sort: 'name' } } }),
    );
    users.push(...data);
    if (data.length === 0 || users.length >= total) return users;
  }
}

export const getAllStaffUsersQueryOptions = () =>
  queryOptions({
    // under the key of the users screen's lists, so adding or changing a user there refreshes it
    queryKey: ['users', 'list', 'all'] as const,
    queryFn: getAllStaffUsers,
  });

export function useAllStaffUsers({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getAllStaffUsersQueryOptions> } = {}) {
  return useQuery({ ...getAllStaffUsersQueryOptions(), ...queryConfig });
}
