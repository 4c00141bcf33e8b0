import { isApiError } from '@settle/api-client';
import {
  Card,
  DataTable,
  ErrorState,
  SelectField,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoicesListParams, InvoiceSort } from '@/api/invoices/keys';
import type { InvoiceResponseDto, InvoiceStatus } from '@/api/invoices/types';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { InvoiceStatusBadge } from './invoice-status';

const STATUS_OPTIONS = [
  { value: '', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
];

/**
 * Every invoice of one organization, newest first, with a status filter. Each row opens the
 * invoice's own page (the open ones to pay are under Open Invoices).
 */
export function InvoicesTable({ organizationId }: { organizationId: string }) {
  const { timeZone } = useMsp();
  const [params, setParams] = useState<InvoicesListParams>({
    organizationId,
    page: 1,
    pageSize: 25,
    sort: '-issueDate',
  });
  const invoices = useInvoices({ params });

  const columns: DataTableColumn<InvoiceResponseDto>[] = [
    {
      key: 'number',
      header: 'Invoice #',
      sortable: true,
      render: (i) => <Link to={paths.app.invoice.getHref(i.id)}>{i.number}</Link>,
    },
    {
      key: 'issueDate',
      header: 'Issue date',
      sortable: true,
      render: (i) => formatDate(i.issueDate, timeZone),
    },
    {
      key: 'dueDate',
      header: 'Due date',
      sortable: true,
      render: (i) => (
        <>
          {formatDate(i.dueDate, timeZone)}
          {i.pastDue && (
            <>
              {' '}
              <span className="ui-badge ui-badge--danger">Past due</span>
            </>
          )}
        </>
      ),
    },
    { key: 'poNumber', header: 'PO', render: (i) => i.poNumber || '—' },
    { key: 'status', header: 'Status', render: (i) => <InvoiceStatusBadge invoice={i} /> },
    {
      key: 'total',
      header: 'Total',
      sortable: true,
      align: 'right',
      render: (i) => formatMoney(i.total, i.currency),
    },
    {
      key: 'openBalance',
      header: 'Open balance',
      sortable: true,
      align: 'right',
      render: (i) => formatMoney(i.openBalance, i.currency),
    },
  ];

  const title = 'Invoice History';
  return (
    <Card title={title} flush>
      <div className="app-toolbar app-toolbar--padded">
        <SearchInput
          label="Search invoices"
          placeholder="Invoice or PO number"
          value={params.q ?? ''}
          onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
        />
        <SelectField
          label="Status"
          className="app-inline-field"
          value={params.status ?? ''}
          options={STATUS_OPTIONS}
          onChange={(e) =>
            setParams((p) => ({
              ...p,
              status: (e.target.value || undefined) as InvoiceStatus | undefined,
              page: 1,
            }))
          }
        />
      </div>
      {invoices.isError ? (
        <ErrorState
          message={isApiError(invoices.error) ? invoices.error.detail : 'Could not load invoices.'}
          requestId={isApiError(invoices.error) ? invoices.error.requestId : null}
        />
      ) : (
        <DataTable
          label={title}
          columns={columns}
          rows={invoices.data?.data ?? []}
          getRowId={(i) => i.id}
          loading={invoices.isPending || invoices.isPlaceholderData}
          emptyTitle={params.q || params.status ? 'No matching invoices' : 'No invoices yet'}
          sort={params.sort}
          onSort={(sort) => setParams((p) => ({ ...p, sort: sort as InvoiceSort, page: 1 }))}
          page={params.page}
          pageSize={params.pageSize}
          total={invoices.data?.total ?? 0}
          onPageChange={(page) => setParams((p) => ({ ...p, page }))}
          onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
        />
      )}
    </Card>
  );
}
