export interface AuditLogParams {
  page: number;
  pageSize: number;
  entityType?: string;
  entityId?: string;
}

export const auditLogKeys = {
  all: ['audit-log'] as const,
  lists: () => [...auditLogKeys.all, 'list'] as const,
  list: (params: AuditLogParams) => [...auditLogKeys.lists(), params] as const,
};
