import {
  Card,
  DataTable,
  SelectField,
  formatDate,
  formatDateTime,
  type DataTableColumn,
} from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { usePaymentMethodsReport } from '../api/get-payment-methods-report';
import type { MethodReportRowDto } from '../api/types';

import { CsvDownload } from './csv-download';
import { failure, useChoice, usePaging } from './report-parts';
import { METHOD_LABELS } from './transactions-report';

const KINDS = ['expiring', 'locked'] as const;

export function MethodsReport() {
  const { timeZone } = useMsp();
  const { paging, setPaging } = usePaging();
  const [kind, setKind] = useChoice('kind', KINDS);
  const report = usePaymentMethodsReport({ params: { ...paging, kind } });
  const columns: DataTableColumn<MethodReportRowDto>[] = [
    {
      key: 'organizationName',
      header: 'Organization',
      render: (r) => (
        <Link to={paths.app.organization.section(r.organizationId, 'balance')}>
          {r.organizationName}
        </Link>
      ),
    },
    {
      key: 'type',
      header: 'Method',
      render: (r) => `${METHOD_LABELS[r.type]} ${r.brand} •••• ${r.last4}`,
    },
    kind === 'expiring'
      ? {
          key: 'expiresOn',
          header: 'Expires',
          render: (r) => (r.expiresOn ? formatDate(r.expiresOn, timeZone) : '—'),
        }
      : {
          key: 'lockedAt',
          header: 'Locked',
          render: (r) => (r.lockedAt ? formatDateTime(r.lockedAt, timeZone) : '—'),
        },
    kind === 'expiring'
      ? { key: 'status', header: 'Status', render: (r) => r.status }
      : { key: 'lockedReason', header: 'Reason', render: (r) => r.lockedReason ?? '—' },
  ];
  return (
    <Card
      title={kind === 'expiring' ? 'Cards expiring in the next 60 days' : 'Locked payment methods'}
      flush
      actions={
        <CsvDownload
          href={`/api/v1/reports/payment-methods/export?kind=${kind}`}
          filename={`payment-methods-${kind}.csv`}
        />
      }
    >
      <div className="app-toolbar app-toolbar--padded">
        <SelectField
          label="Show"
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
          options={[
            { value: 'expiring', label: 'Expiring cards' },
            { value: 'locked', label: 'Locked methods' },
          ]}
        />
      </div>
      {report.isError ? (
        failure(report.error, 'Could not load the payment methods.')
      ) : (
        <DataTable
          label="Payment methods"
          columns={columns}
          rows={report.data?.data ?? []}
          getRowId={(r) => r.paymentMethodId}
          loading={report.isPending || report.isPlaceholderData}
          emptyTitle={kind === 'expiring' ? 'No card expires soon' : 'No locked methods'}
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
