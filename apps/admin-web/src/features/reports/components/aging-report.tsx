import { isApiError } from '@settle/api-client';
import {
  Card,
  DataTable,
  EmptyState,
  ErrorState,
  Skeleton,
  StatTile,
  TextField,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';

import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { isCalendarDate, todayIn } from '@/lib/calendar-date';
import { useMsp } from '@/lib/msp-context';

import { useAging } from '../api/get-aging';
import { AGING_EXPORT_HREF, useAgingOrganizations } from '../api/get-aging-organizations';
import type { AgingOrganizationsParams, AgingSort } from '../api/keys';
import type { AgingOrganizationDto, AgingResponseDto } from '../api/types';

import { AGING_BUCKETS } from './aging-buckets';
import { CsvDownload } from './csv-download';

const AgingChart = lazy(() => import('./aging-chart'));

const SORTS = ['name', ...AGING_BUCKETS.map((b) => b.key), 'total'];
const DEFAULT_SORT = '-total';
const PAGE_SIZES = [10, 25, 50, 100];

function readParams(sp: URLSearchParams): AgingOrganizationsParams {
  const sort = sp.get('sort') ?? DEFAULT_SORT;
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  return {
    q: sp.get('q')?.trim() || undefined,
    asOf: isCalendarDate(sp.get('asOf') ?? '') ? sp.get('asOf')! : undefined,
    sort: (SORTS.includes(sort.replace(/^-/, '')) ? sort : DEFAULT_SORT) as AgingSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: AgingOrganizationsParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  if (p.asOf) sp.set('asOf', p.asOf);
  if (p.sort && p.sort !== DEFAULT_SORT) sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  return sp;
}

function ChartSkeleton() {
  return (
    <div className="app-chart-skeleton" role="status" aria-label="Loading chart">
      {[90, 70, 55, 40, 30].map((w) => (
        <Skeleton key={w} width={`${w}%`} height={18} />
      ))}
    </div>
  );
}

function failure(error: unknown, fallback: string) {
  return (
    <ErrorState
      message={isApiError(error) ? error.detail : fallback}
      requestId={isApiError(error) ? error.requestId : null}
    />
  );
}

/** Totals by bucket, as tiles (the figures) and as a chart (the shape). */
function AgingTotals({ aging }: { aging: AgingResponseDto }) {
  const { timeZone } = useMsp();
  const money = (minor: number) => formatMoney(minor, aging.currency);
  return (
    <>
      <p className="ui-muted app-note-text app-aging-as-of" data-testid="aging-as-of">
        Open balances as of {formatDate(aging.asOf, timeZone)}, in {aging.currency}, by days past
        due.
      </p>
      <dl className="ui-stat-tiles">
        {AGING_BUCKETS.map((b) => (
          <StatTile key={b.key} label={b.label} value={money(aging[b.key])} />
        ))}
        <StatTile label="Total" value={money(aging.total)} />
      </dl>
      {aging.total > 0 ? (
        <figure
          className="app-chart"
          aria-label={`Aging chart. ${AGING_BUCKETS.map((b) => `${b.label}: ${money(aging[b.key])}`).join('; ')}`}
        >
          <Suspense fallback={<ChartSkeleton />}>
            <AgingChart aging={aging} />
          </Suspense>
        </figure>
      ) : (
        <EmptyState bare title="Nothing is owed" text="No organization has an open balance." />
      )}
    </>
  );
}

/** The aging report: totals and chart, then each organization by bucket, with a CSV export. */
export function AgingReport() {
  const aging = useAging();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const update = (next: Partial<AgingOrganizationsParams>) =>
    setSearchParams(writeParams({ ...params, ...next }), { replace: true });
  const rows = useAgingOrganizations({ params });
  const today = todayIn(useMsp().timeZone);
  const currency = rows.data?.currency ?? aging.data?.currency ?? 'USD';
  const money = (minor: number) => formatMoney(minor, currency);

  const columns: DataTableColumn<AgingOrganizationDto>[] = [
    {
      key: 'name',
      header: 'Organization',
      sortable: true,
      render: (r) => (
        <Link to={paths.app.organization.section(r.organizationId, 'balance')}>{r.name}</Link>
      ),
    },
    ...AGING_BUCKETS.map((b): DataTableColumn<AgingOrganizationDto> => ({
      key: b.key,
      header: b.label,
      sortable: true,
      align: 'right',
      render: (r) => (r[b.key] ? money(r[b.key]) : '—'),
    })),
    {
      key: 'total',
      header: 'Total',
      sortable: true,
      align: 'right',
      render: (r) => <strong>{money(r.total)}</strong>,
    },
  ];

  return (
    <>
      <Card title="Aging">
        {aging.isError ? (
          failure(aging.error, 'Could not load the aging totals.')
        ) : aging.isPending ? (
          <ChartSkeleton />
        ) : (
          <AgingTotals aging={aging.data} />
        )}
      </Card>
      <Card
        title="Organizations by aging bucket"
        flush
        actions={
          <CsvDownload
            href={params.asOf ? `${AGING_EXPORT_HREF}?asOf=${params.asOf}` : AGING_EXPORT_HREF}
            filename={`aging-${params.asOf ?? today}.csv`}
          />
        }
      >
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search organizations"
            placeholder="Organization name"
            value={params.q ?? ''}
            onSearch={(q) => update({ q: q || undefined, page: 1 })}
          />
          <TextField
            label="As of"
            type="date"
            value={params.asOf ?? today}
            max={today}
            onChange={(e) =>
              isCalendarDate(e.target.value) &&
              update({ asOf: e.target.value === today ? undefined : e.target.value, page: 1 })
            }
          />
        </div>
        {rows.isError ? (
          failure(rows.error, 'Could not load the organizations.')
        ) : (
          <DataTable
            label="Organizations by aging bucket"
            columns={columns}
            rows={rows.data?.data ?? []}
            getRowId={(r) => r.organizationId}
            loading={rows.isPending || rows.isPlaceholderData}
            emptyTitle={params.q ? 'No matching organizations' : 'No open balances'}
            emptyText={params.q ? undefined : 'No organization owes anything right now.'}
            sort={params.sort}
            onSort={(sort) => update({ sort: sort as AgingSort, page: 1 })}
            page={params.page}
            pageSize={params.pageSize}
            total={rows.data?.total ?? 0}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(pageSize) => update({ pageSize, page: 1 })}
          />
        )}
      </Card>
    </>
  );
}
