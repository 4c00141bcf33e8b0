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
  /** A past MSP day; today when left out. */
  asOf?: string;
}

export const agingKeys = {
  all: ['aging'] as const,
  totals: () => [...agingKeys.all, 'totals'] as const,
  organizations: (params: AgingOrganizationsParams) =>
    [...agingKeys.all, 'organizations', params] as const,
};

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type TransactionsParams = Query<'/api/v1/reports/transactions'>;
export type MonthlyParams = Query<'/api/v1/reports/monthly'>;
export type AutopayEnrolmentParams = Query<'/api/v1/reports/autopay-enrolment'>;
export type MethodsReportParams = Query<'/api/v1/reports/payment-methods'>;
export type PortalLoginsParams = Query<'/api/v1/reports/portal-logins'>;

export const reportKeys = {
  all: ['reports'] as const,
  transactions: (params: TransactionsParams) =>
    [...reportKeys.all, 'transactions', params] as const,
  monthly: (params: MonthlyParams) => [...reportKeys.all, 'monthly', params] as const,
  autopayEnrolment: (params: AutopayEnrolmentParams) =>
    [...reportKeys.all, 'autopay-enrolment', params] as const,
  paymentMethods: (params: MethodsReportParams) =>
    [...reportKeys.all, 'payment-methods', params] as const,
  portalLogins: (params: PortalLoginsParams) =>
    [...reportKeys.all, 'portal-logins', params] as const,
};
