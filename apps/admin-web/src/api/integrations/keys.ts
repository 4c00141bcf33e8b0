import type { paths } from '@settle/api-client';

export type SyncRunsParams = NonNullable<paths['/api/v1/sync-runs']['get']['parameters']['query']>;

export const integrationsKeys = {
  all: ['integrations'] as const,
  lists: () => [...integrationsKeys.all, 'list'] as const,
};

export const syncRunsKeys = {
  all: ['sync-runs'] as const,
  list: (params: SyncRunsParams) => [...syncRunsKeys.all, 'list', params] as const,
  detail: (id: string) => [...syncRunsKeys.all, 'detail', id] as const,
};
