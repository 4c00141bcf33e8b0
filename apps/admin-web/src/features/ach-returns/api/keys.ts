import type { AchReturnStatus } from './types';

export interface AchReturnsListParams {
  page: number;
  pageSize: number;
  q?: string;
  status?: AchReturnStatus;
}

export const achReturnsKeys = {
  all: ['ach-returns'] as const,
  lists: () => [...achReturnsKeys.all, 'list'] as const,
  list: (params: AchReturnsListParams) => [...achReturnsKeys.lists(), params] as const,
};
