import { isApiError, type AuditLogEntryResponseDto } from '@settle/api-client';
import { Card, DataTable, ErrorState, formatDateTime, type DataTableColumn } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useAuditLog } from '../api/get-audit-log';
import type { AuditLogParams } from '../api/keys';

import { AuditEntryText } from './audit-entry-text';

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
    { key: 'actor', header: 'Who', render: actor },
    { key: 'action', header: 'What', render: (e) => <AuditEntryText entry={e} /> },
    {
      key: 'organization',
      header: 'Organization',
      render: (e) =>
        e.organizationId && e.organizationName ? (
          <Link to={paths.app.organization.getHref(e.organizationId)}>{e.organizationName}</Link>
        ) : (
          '—'
        ),
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
          emptyText="What staff, API keys and Settle itself change will appear here."
          page={params.page}
          pageSize={params.pageSize}
          total={log.data?.total ?? 0}
          onPageChange={(page) => setParams((p) => ({ ...p, page }))}
          onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
          renderExpanded={(e) => (
            <>
              {/* for support: the same id is in the API's logs */}
              {e.requestId && (
                <p className="ui-muted app-note-text">
                  Request ID: <code>{e.requestId}</code>
                </p>
              )}
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
            </>
          )}
        />
      )}
    </Card>
  );
}
