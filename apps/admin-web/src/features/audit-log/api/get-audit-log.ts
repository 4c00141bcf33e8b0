import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { auditLogKeys, type AuditLogParams } from './keys';

export const getAuditLog = (params: AuditLogParams) =>
  unwrap(api.GET('/api/v1/audit-log', { params: { query: params } }));

export const getAuditLogQueryOptions = (params: AuditLogParams = { page: 1, pageSize: 25 }) =>
  queryOptions({
    queryKey: auditLogKeys.list(params),
    queryFn: () => getAuditLog(params),
    placeholderData: keepPreviousData,
  });

export function useAuditLog({
  params,
  queryConfig,
}: {
  params: AuditLogParams;
  queryConfig?: QueryConfig<typeof getAuditLogQueryOptions>;
}) {
  return useQuery({ ...getAuditLogQueryOptions(params), ...queryConfig });
}
