import { isApiError, type AuditLogEntryResponseDto } from '@settle/api-client';
import { Card, DataTable, ErrorState, formatDateTime, type DataTableColumn } from '@settle/ui';
import { useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import { useAuditLog } from '../api/get-audit-log';
import type { AuditLogParams } from '../api/keys';

function actor(e: AuditLogEntryResponseDto): string {
  if (e.actorType === 'system') return 'System';
  const label = e.actorLabel ?? e.actorId ?? 'Unknown';
  return e.actorType === 'apiKey' ? `API key ${label}` : label;
}

function Json({ value }: { value: unknown }) {
  return <pre className="ui-pre">{value == null ? '—' : JSON.stringify(value, null, 2)}</pre>;
}

export function AuditLogTable() {
  const { timeZone } = useMsp();
  const [params, setParams] = useState<AuditLogParams>({ page: 1, pageSize: 25 });
  const log = useAuditLog({ params });

  const columns: DataTableColumn<AuditLogEntryResponseDto>[] = [
    { key: 'occurredAt', header: 'Time', render: (e) => formatDateTime(e.occurredAt, timeZone) },
    { key: 'actor', header: 'Actor', render: actor },
    { key: 'action', header: 'Action', render: (e) => <code>{e.action}</code> },
    {
      key: 'entity',
      header: 'Entity',
      render: (e) => (
        <span>
          {e.entityType}
          {e.entityId && <span className="ui-muted"> {e.entityId.slice(0, 8)}</span>}
        </span>
      ),
    },
    {
      key: 'requestId',
      header: 'Request ID',
      render: (e) => (e.requestId ? <code>{e.requestId}</code> : '—'),
    },
  ];

  return (
    <Card title="Audit log" flush>
      {log.isError ? (
        <ErrorState
          message={isApiError(log.error) ? log.error.detail : 'Could not load the audit log.'}
          requestId={isApiError(log.error) ? log.error.requestId : null}
        />
      ) : (
        <DataTable
          label="Audit log"
          columns={columns}
          rows={log.data?.data ?? []}
          getRowId={(e) => e.id}
          loading={log.isPending}
          emptyTitle="No activity recorded yet"
          emptyText="Changes to users, settings and API keys will appear here."
          page={params.page}
          pageSize={params.pageSize}
          total={log.data?.total ?? 0}
          onPageChange={(page) => setParams((p) => ({ ...p, page }))}
          onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
          renderExpanded={(e) => (
            <div className="app-json-diff">
              <div>
                <h3>Before</h3>
                <Json value={e.before} />
              </div>
              <div>
                <h3>After</h3>
                <Json value={e.after} />
              </div>
            </div>
          )}
        />
      )}
    </Card>
  );
}
