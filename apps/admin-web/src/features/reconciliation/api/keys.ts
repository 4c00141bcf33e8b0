import type { paths } from '@settle/api-client';

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

type Paged<Q> = Q & { page: number; pageSize: number };

export type RunsParams = Paged<Query<'/api/v1/reconciliation/runs'>>;
export type RunOrganizationsParams = Paged<Query<'/api/v1/reconciliation/runs/{id}/organizations'>>;
export type RunOrganizationsSort = NonNullable<RunOrganizationsParams['sort']>;
export type RunDifferencesParams = Paged<Query<'/api/v1/reconciliation/runs/{id}/differences'>>;

export const reconciliationKeys = {
  all: ['reconciliation'] as const,
  runs: (params: RunsParams) => [...reconciliationKeys.all, 'runs', params] as const,
  run: (id: string) => [...reconciliationKeys.all, 'run', id] as const,
  organizations: (id: string, params: RunOrganizationsParams) =>
    [...reconciliationKeys.run(id), 'organizations', params] as const,
  differences: (id: string, params: RunDifferencesParams) =>
    [...reconciliationKeys.run(id), 'differences', params] as const,
};
