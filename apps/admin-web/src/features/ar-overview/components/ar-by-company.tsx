import { DataTable, formatMoney, type DataTableColumn } from '@settle/ui';
import { Link } from 'react-router';

import type { ArOverviewParams } from '@/api/reports/keys';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';

import type { ArOverviewCompany, ArOverviewResponseDto } from '../api/types';

export function ArByCompany({
  data,
  loading,
  params,
  onParamsChange,
}: {
  data: ArOverviewResponseDto | undefined;
  loading: boolean;
  params: ArOverviewParams;
  onParamsChange: (next: Partial<ArOverviewParams>) => void;
}) {
  const currency = data?.totals.currency ?? 'USD';
  const columns: DataTableColumn<ArOverviewCompany>[] = [
    {
      key: 'name',
      header: 'Company Name',
      sortable: true,
      render: (c) => <Link to={paths.app.organization.getHref(c.organizationId)}>{c.name}</Link>,
    },
    {
      key: 'openInvoices',
      header: 'Open Invoices',
      sortable: true,
      align: 'right',
      render: (c) => c.openInvoices,
    },
    {
      key: 'balance',
      header: 'Balance',
      sortable: true,
      align: 'right',
      render: (c) => formatMoney(c.balance, currency),
    },
    {
      key: 'pastDue',
      header: 'Past Due',
      sortable: true,
      align: 'right',
      render: (c) => (
        <span className={c.pastDue > 0 ? 'app-text-danger' : undefined}>
          {formatMoney(c.pastDue, currency)}
        </span>
      ),
    },
  ];

  return (
    <>
      <div className="app-toolbar">
        <SearchInput
          label="Search companies"
          value={params.q ?? ''}
          onSearch={(q) => onParamsChange({ q: q || undefined, page: 1 })}
        />
      </div>
      <DataTable
        label="A/R by Company"
        columns={columns}
        rows={data?.companies.data ?? []}
        getRowId={(c) => c.organizationId}
        loading={loading}
        emptyTitle={params.q ? 'No matching companies' : 'No open A/R'}
        emptyText={params.q ? `No company with open invoices matches “${params.q}”.` : undefined}
        sort={params.sort}
        onSort={(sort) => onParamsChange({ sort: sort as ArOverviewParams['sort'], page: 1 })}
        page={params.page}
        pageSize={params.pageSize}
        total={data?.companies.total ?? 0}
        onPageChange={(page) => onParamsChange({ page })}
        onPageSizeChange={(pageSize) => onParamsChange({ pageSize, page: 1 })}
      />
    </>
  );
}
