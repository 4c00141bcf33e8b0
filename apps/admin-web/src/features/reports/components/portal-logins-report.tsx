import { Card, DataTable, formatDateTime, type DataTableColumn } from '@settle/ui';

import { useMsp } from '@/lib/msp-context';

import { usePortalLogins } from '../api/get-portal-logins';
import type { PortalLoginRowDto } from '../api/types';

import { CsvDownload } from './csv-download';
import { failure, PeriodFields, usePaging, usePeriod } from './report-parts';

export function PortalLoginsReport() {
  const { timeZone } = useMsp();
  const { period, setPeriod, today } = usePeriod(30);
  const { paging, setPaging } = usePaging();
  const report = usePortalLogins({ params: { ...period, ...paging } });
  const columns: DataTableColumn<PortalLoginRowDto>[] = [
    { key: 'name', header: 'Contact', render: (r) => r.name },
    { key: 'email', header: 'Email', render: (r) => r.email },
    { key: 'organizations', header: 'Organizations', render: (r) => r.organizations || '—' },
    {
      key: 'lastSignInAt',
      header: 'Last sign-in',
      render: (r) => (r.lastSignInAt ? formatDateTime(r.lastSignInAt, timeZone) : '—'),
    },
    { key: 'signIns', header: 'Sign-ins', align: 'right', render: (r) => r.signIns },
  ];
  return (
    <Card
      title="Portal sign-ins"
      flush
      actions={
        <CsvDownload
          href={`/api/v1/reports/portal-logins/export?${new URLSearchParams(period)}`}
          filename={`portal-logins-${period.from}-to-${period.to}.csv`}
        />
      }
    >
      <div className="app-toolbar app-toolbar--padded">
        <PeriodFields period={period} onChange={setPeriod} max={today} />
        {report.data ? (
          <span className="ui-muted" data-testid="portal-sign-ins">
            {report.data.signIns.toLocaleString('en-US')} sign-ins by {report.data.total} contacts
          </span>
        ) : null}
      </div>
      {report.isError ? (
        failure(report.error, 'Could not load portal sign-ins.')
      ) : (
        <DataTable
          label="Portal sign-ins by contact"
          columns={columns}
          rows={report.data?.data ?? []}
          getRowId={(r) => r.contactId}
          loading={report.isPending || report.isPlaceholderData}
          emptyTitle="No sign-ins"
          emptyText="No contact signed in to the portal in this period."
          page={paging.page}
          pageSize={paging.pageSize}
          total={report.data?.total ?? 0}
          onPageChange={(page) => setPaging({ page })}
          onPageSizeChange={(pageSize) => setPaging({ pageSize, page: 1 })}
        />
      )}
    </Card>
  );
}
