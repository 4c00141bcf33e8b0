import { Card, DataTable, formatMoney, type DataTableColumn } from '@settle/ui';
import { useState } from 'react';

import { SearchInput } from '@/components/search-input';

import { useRunOrganizations } from '../api/get-run-organizations';
import type { RunOrganizationsParams, RunOrganizationsSort } from '../api/keys';
import type { ReconciliationOrganization, ReconciliationRun } from '../api/types';

import { failure } from './failure';

const DEFAULT_SORT: RunOrganizationsSort = '-differenceCount';
const SORTS: readonly string[] = [
  'name',
  'settleAmount',
  'accountingAmount',
  'gatewayAmount',
  'differenceCount',
];

const money = (minor: number | null, currency: string) =>
  minor === null ? '—' : formatMoney(minor, currency);

/** The run's figures per organization; choosing one narrows the differences to it. */
export function RunOrganizations({
  run,
  selectedId,
  onSelect,
}: {
  run: ReconciliationRun;
  selectedId: string | undefined;
  onSelect: (organization: { id: string; name: string }) => void;
}) {
  const [params, setParams] = useState<RunOrganizationsParams>({
    q: '',
    sort: DEFAULT_SORT,
    page: 1,
    pageSize: 10,
  });
  const organizations = useRunOrganizations(run.id, params);
  const columns: DataTableColumn<ReconciliationOrganization>[] = [
    {
      key: 'name',
      header: 'Organization',
      sortable: true,
      render: (r) => {
        const id = r.organizationId;
        // records no Settle organization is linked to cannot narrow the differences
        if (!id) return <span className="ui-muted">{r.name}</span>;
        return (
          <button
            type="button"
            className="app-link-button"
            aria-pressed={id === selectedId}
            onClick={() => onSelect({ id, name: r.name })}
          >
            {r.name}
          </button>
        );
      },
    },
    {
      key: 'settleAmount',
      header: 'Settle',
      sortable: true,
      align: 'right',
      render: (r) => money(r.settleAmount, r.currency),
    },
    {
      key: 'accountingAmount',
      sortable: true,
      header: 'QuickBooks',
      align: 'right',
      render: (r) => money(run.sources.accounting ? r.accountingAmount : null, r.currency),
    },
    {
      key: 'gatewayAmount',
      sortable: true,
      header: 'Gateway',
      align: 'right',
      render: (r) => money(r.gatewayAmount, r.currency),
    },
    {
      key: 'differenceCount',
      header: 'Differences',
      align: 'right',
      sortable: true,
      render: (r) =>
        r.differenceCount > 0 ? (
          <strong className="app-text-danger">{r.differenceCount}</strong>
        ) : (
          '0'
        ),
    },
  ];
  return (
    <Card title="By organization" flush className="app-recon-table app-recon-orgs">
      <div className="app-toolbar app-toolbar--padded">
        <SearchInput
          label="Search organizations"
          value={params.q ?? ''}
          onSearch={(q) => setParams((p) => ({ ...p, q, page: 1 }))}
        />
      </div>
      {organizations.isError ? (
        failure(organizations.error, 'Could not load the organizations of this run.')
      ) : (
        <DataTable
          label="Organizations in this reconciliation"
          columns={columns}
          rows={organizations.data?.data ?? []}
          getRowId={(r) => r.organizationId ?? `unlinked-${r.name}`}
          loading={organizations.isPending || organizations.isPlaceholderData}
          emptyTitle={
            params.q ? `No organizations match “${params.q}”` : 'No organizations in this run'
          }
          sort={params.sort}
          onSort={(sort) =>
            SORTS.includes(sort.replace(/^-/, '')) &&
            setParams((p) => ({ ...p, sort: sort as RunOrganizationsSort, page: 1 }))
          }
          page={params.page}
          pageSize={params.pageSize}
          total={organizations.data?.total ?? 0}
          onPageChange={(page) => setParams((p) => ({ ...p, page }))}
          onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
        />
      )}
    </Card>
  );
}
