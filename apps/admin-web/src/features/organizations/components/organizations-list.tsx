import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  DataTable,
  ErrorState,
  SelectField,
  formatDateTime,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { useOrganizations } from '@/api/organizations/get-organizations';
import type {
  OrganizationsListParams,
  OrganizationSort,
  OrganizationStatusFilter,
} from '@/api/organizations/keys';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import type { OrganizationSummaryDto } from '../api/types';

import { OrganizationFormDialog } from './organization-form-dialog';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'hidden', label: 'Hidden' },
  { value: 'all', label: 'All' },
];
const SORTS = ['name', 'balance', 'pastDue', 'openInvoices'];
const PAGE_SIZES = [10, 25, 50, 100];

/** The list's state lives in the URL (`?q=` comes from the top-bar search too). */
function readParams(sp: URLSearchParams): OrganizationsListParams {
  const sort = sp.get('sort') ?? 'name';
  const status = sp.get('status');
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  return {
    q: sp.get('q')?.trim() || undefined,
    sort: (SORTS.includes(sort.replace(/^-/, '')) ? sort : 'name') as OrganizationSort,
    status: status === 'hidden' || status === 'all' ? status : 'active',
    hasOpenBalance: sp.get('hasOpenBalance') === 'true' ? 'true' : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: OrganizationsListParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  if (p.status && p.status !== 'active') sp.set('status', p.status);
  if (p.hasOpenBalance) sp.set('hasOpenBalance', 'true');
  if (p.sort && p.sort !== 'name') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  return sp;
}

export function OrganizationsList() {
  const { timeZone } = useMsp();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const [adding, setAdding] = useState(false);
  const organizations = useOrganizations({ params });

  const update = (next: Partial<OrganizationsListParams>) =>
    setSearchParams(writeParams({ ...params, ...next }), { replace: true });

  const columns: DataTableColumn<OrganizationSummaryDto>[] = [
    {
      key: 'name',
      header: 'Name',
      sortable: true,
      render: (o) => (
        <>
          <Link to={paths.app.organization.getHref(o.id)}>{o.name}</Link>
          {o.status === 'hidden' && (
            <>
              {' '}
              <span className="ui-badge">Hidden</span>
            </>
          )}
        </>
      ),
    },
    {
      key: 'location',
      header: 'City / Region',
      render: (o) => [o.city, o.region].filter(Boolean).join(', ') || '—',
    },
    { key: 'contactsCount', header: 'Contacts', align: 'right', render: (o) => o.contactsCount },
    {
      key: 'openInvoices',
      header: 'Open Invoices',
      sortable: true,
      align: 'right',
      render: (o) => o.openInvoices,
    },
    {
      key: 'balance',
      header: 'Balance',
      sortable: true,
      align: 'right',
      render: (o) => formatMoney(o.balance, o.currency),
    },
    {
      key: 'pastDue',
      header: 'Past Due',
      sortable: true,
      align: 'right',
      render: (o) => (
        <span className={o.pastDue > 0 ? 'app-text-danger' : undefined}>
          {formatMoney(o.pastDue, o.currency)}
        </span>
      ),
    },
    {
      key: 'lastPortalLoginAt',
      header: 'Last login',
      render: (o) =>
        o.lastPortalLoginAt ? formatDateTime(o.lastPortalLoginAt, timeZone) : 'Never',
    },
  ];

  const filtered = !!params.q || params.status !== 'active' || params.hasOpenBalance;

  return (
    <>
      <Card
        title="All organizations"
        flush
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            New organization
          </Button>
        }
      >
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search organizations"
            value={params.q ?? ''}
            onSearch={(q) => update({ q: q || undefined, page: 1 })}
          />
          <SelectField
            label="Status"
            value={params.status}
            options={STATUS_OPTIONS}
            onChange={(e) =>
              update({ status: e.target.value as OrganizationStatusFilter, page: 1 })
            }
            className="app-inline-field"
          />
          <CheckboxField
            label="Has open balance"
            checked={params.hasOpenBalance === 'true'}
            onChange={(e) =>
              update({ hasOpenBalance: e.target.checked ? 'true' : undefined, page: 1 })
            }
          />
        </div>
        {organizations.isError ? (
          <ErrorState
            message={
              isApiError(organizations.error)
                ? organizations.error.detail
                : 'Could not load organizations.'
            }
            requestId={isApiError(organizations.error) ? organizations.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Organizations"
            columns={columns}
            rows={organizations.data?.data ?? []}
            getRowId={(o) => o.id}
            loading={organizations.isPending || organizations.isPlaceholderData}
            emptyTitle={filtered ? 'No matching organizations' : 'No organizations yet'}
            emptyText={
              filtered
                ? params.q
                  ? `Nothing matches “${params.q}” with these filters.`
                  : 'Nothing matches these filters.'
                : 'Connect an integration or add an organization.'
            }
            sort={params.sort}
            onSort={(sort) => update({ sort: sort as OrganizationSort, page: 1 })}
            page={params.page}
            pageSize={params.pageSize}
            total={organizations.data?.total ?? 0}
            pageSizeOptions={PAGE_SIZES}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(pageSize) => update({ pageSize, page: 1 })}
          />
        )}
      </Card>
      <OrganizationFormDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(org) => void navigate(paths.app.organization.getHref(org.id))}
      />
    </>
  );
}
