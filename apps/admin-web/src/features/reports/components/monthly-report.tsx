import { Card, DataTable, formatMoney, type DataTableColumn } from '@settle/ui';
import { lazy, Suspense } from 'react';

import { addMonths, monthOf } from '@/lib/calendar-date';

import { useMonthly } from '../api/get-monthly';
import type { MonthFiguresDto } from '../api/types';

import { CsvDownload } from './csv-download';
import { failure, PeriodFields, usePeriod } from './report-parts';

const MonthlyChart = lazy(() => import('./monthly-chart'));

/** Collected against due, month by month, or the DSO trend: a chart, then the figures. */
export function MonthlyReport({ view }: { view: 'collected' | 'dso' }) {
  const { period, setPeriod, today } = usePeriod(0);
  // By default the last twelve months, this one included.
  const from = period.from === period.to ? `${addMonths(monthOf(today), -11)}-01` : period.from;
  const params = { from, to: period.to };
  const report = useMonthly({ params });
  const currency = report.data?.currency ?? 'USD';
  const money = (minor: number) => formatMoney(minor, currency);
  const title = view === 'collected' ? 'Collected vs due by month' : 'Days sales outstanding';
  const columns: DataTableColumn<MonthFiguresDto>[] = [
    { key: 'month', header: 'Month', render: (r) => r.month },
    { key: 'due', header: 'Due', align: 'right', render: (r) => money(r.due) },
    { key: 'collected', header: 'Collected', align: 'right', render: (r) => money(r.collected) },
    { key: 'invoiced', header: 'Invoiced', align: 'right', render: (r) => money(r.invoiced) },
    {
      key: 'receivableAtEnd',
      header: 'A/R at end',
      align: 'right',
      render: (r) => money(r.receivableAtEnd),
    },
    {
      key: 'dso',
      header: 'DSO (days)',
      align: 'right',
      render: (r) => (r.dso === null ? '—' : r.dso.toFixed(1)),
    },
  ];
  const months = report.data?.months ?? [];
  const label =
    view === 'collected'
      ? `${title} chart. ${months.map((m) => `${m.month}: due ${money(m.due)}, collected ${money(m.collected)}`).join('; ')}`
      : `${title} chart. ${months.map((m) => `${m.month}: ${m.dso === null ? 'none' : `${m.dso.toFixed(1)} days`}`).join('; ')}`;

  return (
    <Card
      title={title}
      actions={
        <CsvDownload
          href={`/api/v1/reports/monthly/export?${new URLSearchParams(params)}`}
          filename={`monthly-${params.from}-to-${params.to}.csv`}
        />
      }
    >
      <div className="app-toolbar">
        <PeriodFields period={params} onChange={setPeriod} max={today} />
      </div>
      {report.isError ? (
        failure(report.error, 'Could not load the monthly figures.')
      ) : (
        <>
          {months.length ? (
            <figure className="app-chart" aria-label={label}>
              <Suspense fallback={null}>
                <MonthlyChart months={months} currency={currency} view={view} />
              </Suspense>
            </figure>
          ) : null}
          <p className="ui-muted app-note-text">
            {view === 'collected'
              ? 'Due: invoices falling due in the month. Collected: payments made in the month, less refunds and ACH returns.'
              : 'DSO: A/R at the month’s end ÷ invoiced in the month × days in the month. Invoices paid in the source count until their last change.'}
          </p>
          <DataTable
            label={title}
            columns={columns}
            rows={months}
            getRowId={(r) => r.month}
            loading={report.isPending || report.isPlaceholderData}
            emptyTitle="No months"
          />
        </>
      )}
    </Card>
  );
}
