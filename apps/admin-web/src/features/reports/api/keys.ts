export interface AgingOrganizationsParams {
  page: number;
  pageSize: number;
  q?: string;
  sort?: string;
}

export const agingKeys = {
  all: ['aging'] as const,
  totals: () => [...agingKeys.all, 'totals'] as const,
  organizations: (params: AgingOrganizationsParams) =>
    [...agingKeys.all, 'organizations', params] as const,
};
