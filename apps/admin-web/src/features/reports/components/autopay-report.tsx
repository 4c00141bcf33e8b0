import {
  Card,
  DataTable,
  SelectField,
  StatTile,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import { useAutopayEnrolment } from '../api/get-autopay-enrolment';
import type { AutopayEnrolmentRowDto } from '../api/types';

import { CsvDownload } from './csv-download';
import { failure, useChoice, usePaging } from './report-parts';

const FILTERS = ['', 'true', 'false'] as const;

/** Share of the open balance AutoPay covers, as a plain SVG bar. */
function CoverageBar({ share }: { share: number }) {
  const percent = Math.round(share * 1000) / 10;
  return (
    <figure className="app-coverage" aria-label={`AutoPay covers ${percent}% of the open balance`}>
      <svg
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        width="100%"
        height="16"
        aria-hidden="true"
      >
        <rect x="0" y="0" width="100" height="8" rx="2" fill="#e2e8f0" />
        <rect x="0" y="0" width={percent} height="8" rx="2" fill="#2563eb" />
      </svg>
      <figcaption className="ui-muted">
        {percent}% of the open balance is covered by AutoPay
      </figcaption>
    </figure>
  );
}

export function AutopayReport() {
  const { paging, setPaging } = usePaging();
  const [enrolled, setEnrolled] = useChoice('enrolled', FILTERS);
  const report = useAutopayEnrolment({
    params: { ...paging, enrolled: enrolled || undefined },
  });
  const totals = report.data?.totals;
  const money = (minor: number) => formatMoney(minor, totals?.currency ?? 'USD');
  const columns: DataTableColumn<AutopayEnrolmentRowDto>[] = [
    {
      key: 'name',
      header: 'Organization',
      render: (r) => (
        <Link to={paths.app.organization.section(r.organizationId, 'balance')}>{r.name}</Link>
      ),
    },
    { key: 'enrolled', header: 'AutoPay', render: (r) => (r.enrolled ? 'Yes' : 'No') },
    { key: 'enabledRules', header: 'Rules', align: 'right', render: (r) => r.enabledRules },
    { key: 'balance', header: 'Open balance', align: 'right', render: (r) => money(r.balance) },
  ];
  return (
    <Card
      title="AutoPay enrolment"
      flush
      actions={
        <CsvDownload
          href="/api/v1/reports/autopay-enrolment/export"
          filename="autopay-enrolment.csv"
        />
      }
    >
      {report.isError ? (
        failure(report.error, 'Could not load AutoPay enrolment.')
      ) : (
        <>
          {totals ? (
            <div className="app-toolbar--padded">
              <dl className="ui-stat-tiles">
                <StatTile
                  label="With AutoPay"
                  value={`${totals.enrolled} of ${totals.organizations}`}
                />
                <StatTile label="Without" value={String(totals.organizations - totals.enrolled)} />
                <StatTile label="Covered balance" value={money(totals.coveredBalance)} />
                <StatTile label="Open balance" value={money(totals.openBalance)} />
              </dl>
              <CoverageBar
                share={totals.openBalance > 0 ? totals.coveredBalance / totals.openBalance : 0}
              />
            </div>
          ) : null}
          <div className="app-toolbar app-toolbar--padded">
            <SelectField
              label="Show"
              value={enrolled}
              onChange={(e) => setEnrolled(e.target.value as (typeof FILTERS)[number])}
              options={[
                { value: '', label: 'All organizations' },
                { value: 'true', label: 'With AutoPay' },
                { value: 'false', label: 'Without AutoPay' },
              ]}
            />
          </div>
          <DataTable
            label="Organizations and AutoPay"
            columns={columns}
            rows={report.data?.data ?? []}
            getRowId={(r) => r.organizationId}
            loading={report.isPending || report.isPlaceholderData}
            emptyTitle="No organizations"
            page={paging.page}
            pageSize={paging.pageSize}
            total={report.data?.total ?? 0}
            onPageChange={(page) => setPaging({ page })}
            onPageSizeChange={(pageSize) => setPaging({ pageSize, page: 1 })}
          />
        </>
      )}
    </Card>
  );
}
