import { AuditLogTable } from '@/features/audit-log/components/audit-log-table';

import { AdminOnly } from './admin-only';

export default function AuditLogRoute() {
  return (
    <AdminOnly>
      <AuditLogTable />
    </AdminOnly>
  );
}
