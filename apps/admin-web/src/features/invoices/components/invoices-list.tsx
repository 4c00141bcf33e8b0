import { isApiError } from '@settle/api-client';
import {
  CheckboxField,
  DataTable,
  ErrorState,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { Link, useSearchParams } from 'react-router';

import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoicesListParams, InvoiceSort } from '@/api/invoices/keys';
import type { InvoiceResponseDto } from '@/api/invoices/types';

const SORTS = ['number', 'issueDate', 'dueDate', 'total', 'openBalance'];
const PAGE_SIZES = [10, 25, 50, 100];

/** The list's state lives in the URL, so the overview can link to "over-allocated only". */
function readParams(sp: URLSearchParams): InvoicesListParams {
  const sort = sp.get('sort') ?? 'dueDate';
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  return {
    q: sp.get('q')?.trim() || undefined,
    overAllocated: sp.get('overAllocated') === 'true' ? 'true' : undefined,
    sort: (SORTS.includes(sort.replace(/^-/, '')) ? sort : 'dueDate') as InvoiceSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
  };
}

function writeParams(p: InvoicesListParams): URLSearchParams {
  const sp = new URLSearchParams();
  if (p.q) sp.set('q', p.q);
  if (p.overAllocated) sp.set('overAllocated', p.overAllocated);
  if (p.sort && p.sort !== 'dueDate') sp.set('sort', p.sort);
  if (p.page > 1) sp.set('page', String(p.page));
  if (p.pageSize !== 25) sp.set('pageSize', String(p.pageSize));
  return sp;
}

/** Invoices of every organization; with `?overAllocated=true`, only those Settle over-holds. */
export function InvoicesList() {
  const { timeZone } = useMsp();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readParams(searchParams);
  const update = (next: Partial<InvoicesListParams>) =>
    setSearchParams(writeParams({ ...params, ...next }), { replace: true });
  const invoices = useInvoices({ params });
  const overOnly = params.overAllocated === 'true';

  const columns: DataTableColumn<InvoiceResponseDto>[] = [
    {
      key: 'number',
      header: 'Invoice #',
      sortable: true,
      render: (i) => <Link to={paths.app.invoice.getHref(i.id)}>{i.number}</Link>,
    },
    {
      key: 'organization',
      header: 'Organization',
      render: (i) => (
        <Link to={paths.app.organization.getHref(i.organizationId)}>{i.organizationName}</Link>
      ),
    },
    {
      key: 'dueDate',
      header: 'Due date',
      sortable: true,
      render: (i) => formatDate(i.dueDate, timeZone),
    },
    {
      key: 'total',
      header: 'Total',
      sortable: true,
      align: 'right',
      render: (i) => formatMoney(i.total, i.currency),
    },
    {
      key: 'sourceBalance',
      header: 'Source balance',
      align: 'right',
      render: (i) => formatMoney(i.sourceBalance, i.currency),
    },
    {
      key: 'openBalance',
      header: 'Open balance',
      sortable: true,
      align: 'right',
      render: (i) => formatMoney(i.openBalance, i.currency),
    },
    {
      key: 'overAllocated',
      header: 'Over-allocated',
      align: 'right',
      render: (i) =>
        i.overAllocated > 0 ? (
          <span className="app-text-danger">{formatMoney(i.overAllocated, i.currency)}</span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div className="app-toolbar app-toolbar--padded">
        <SearchInput
          label="Search invoices"
          placeholder="Invoice number"
          value={params.q ?? ''}
          onSearch={(q) => update({ q: q || undefined, page: 1 })}
        />
        <CheckboxField
          label="Only over-allocated"
          checked={overOnly}
          onChange={(e) =>
            update({ overAllocated: e.target.checked ? 'true' : undefined, page: 1 })
          }
        />
      </div>
      {overOnly && (
        <p className="ui-muted app-note-text app-toolbar--padded">
          Settle holds more for these invoices than their source says is owed: money taken twice, or
          a payment the source already has. Open each payment against the invoice, and refund what
          was taken twice.
        </p>
      )}
      {invoices.isError ? (
        <ErrorState
          message={isApiError(invoices.error) ? invoices.error.detail : 'Could not load invoices.'}
          requestId={isApiError(invoices.error) ? invoices.error.requestId : null}
        />
      ) : (
        <DataTable
          label="Invoices"
          columns={columns}
          rows={invoices.data?.data ?? []}
          getRowId={(i) => i.id}
          loading={invoices.isPending || invoices.isPlaceholderData}
          emptyTitle={
            overOnly
              ? 'No over-allocated invoices'
              : params.q
                ? 'No matching invoices'
                : 'No invoices yet'
          }
          emptyText={overOnly ? 'Settle holds no more than any source says is owed.' : undefined}
          sort={params.sort}
          onSort={(sort) => update({ sort: sort as InvoiceSort, page: 1 })}
          page={params.page}
          pageSize={params.pageSize}
          total={invoices.data?.total ?? 0}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize, page: 1 })}
        />
      )}
    </>
  );
}
