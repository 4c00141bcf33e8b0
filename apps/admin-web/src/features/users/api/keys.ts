import type { paths } from '@settle/api-client';

type UsersQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;

export interface UsersListParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: UsersQuery['sort'];
}

export const usersKeys = {
  all: ['users'] as const,
  lists: () => [...usersKeys.all, 'list'] as const,
  list: (params: UsersListParams) => [...usersKeys.lists(), params] as const,
  sessions: (userId: string) => [...usersKeys.all, 'sessions', userId] as const,
};
