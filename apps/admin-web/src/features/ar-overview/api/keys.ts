import type { paths } from '@settle/api-client';

type ArOverviewQuery = NonNullable<
  paths['/api/v1/reports/ar-overview']['get']['parameters']['query']
>;
export type ArOverviewSort = NonNullable<ArOverviewQuery['sort']>;

export interface ArOverviewParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: ArOverviewSort;
}

export const arOverviewKeys = {
  all: ['ar-overview'] as const,
  details: () => [...arOverviewKeys.all, 'detail'] as const,
  detail: (params: ArOverviewParams) => [...arOverviewKeys.details(), params] as const,
};
