export interface PageParams {
  page: number;
  pageSize: number;
}

export const autopayKeys = {
  all: ['autopay'] as const,
  rules: (organizationId: string) => [...autopayKeys.all, 'rules', organizationId] as const,
  invoice: (invoiceId: string) => [...autopayKeys.all, 'invoice', invoiceId] as const,
  runs: () => [...autopayKeys.all, 'runs'] as const,
  runList: (params: PageParams) => [...autopayKeys.runs(), 'list', params] as const,
  run: (id: string) => [...autopayKeys.runs(), 'detail', id] as const,
  approvals: () => [...autopayKeys.all, 'approvals'] as const,
  approvalList: (params: PageParams) => [...autopayKeys.approvals(), params] as const,
};
