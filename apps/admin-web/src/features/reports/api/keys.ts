import type { paths } from '@settle/api-client';

type AgingOrganizationsQuery = NonNullable<
  paths['/api/v1/reports/aging/organizations']['get']['parameters']['query']
>;
export type AgingSort = NonNullable<AgingOrganizationsQuery['sort']>;

export interface AgingOrganizationsParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: AgingSort;
}

export const agingKeys = {
  all: ['aging'] as const,
  totals: () => [...agingKeys.all, 'totals'] as const,
  organizations: (params: AgingOrganizationsParams) =>
    [...agingKeys.all, 'organizations', params] as const,
};
