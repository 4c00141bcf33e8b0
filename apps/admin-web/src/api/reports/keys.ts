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

/** Payment reports: the Overview attention counts and the payments calendar. */
export const paymentReportsKeys = {
  all: ['payment-reports'] as const,
  attention: () => [...paymentReportsKeys.all, 'attention'] as const,
  calendars: () => [...paymentReportsKeys.all, 'calendar'] as const,
  calendar: (from: string, to: string, organizationId?: string) =>
    [...paymentReportsKeys.calendars(), from, to, organizationId ?? 'all'] as const,
};
