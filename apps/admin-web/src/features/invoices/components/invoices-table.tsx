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

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoicesListParams, InvoiceSort } from '@/api/invoices/keys';
import type { InvoiceResponseDto, InvoiceStatus } from '@/api/invoices/types';
import { SearchInput } from '@/components/search-input';
import { useMsp } from '@/lib/msp-context';

const STATUS_LABELS: Record<InvoiceStatus, string> = { open: 'Open', paid: 'Paid', void: 'Void' };
const STATUS_OPTIONS = [
  { value: '', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
];

/**
 * Invoices of one organization. `mode="open"` lists open invoices (read-only for now: paying
 * arrives with the payments work); `mode="history"` lists every status with a status filter.
 */
export function InvoicesTable({
  organizationId,
  mode,
}: {
  organizationId: string;
  mode: 'open' | 'history';
}) {
  const { timeZone } = useMsp();
  const [params, setParams] = useState<InvoicesListParams>({
    organizationId,
    page: 1,
    pageSize: 25,
    status: mode === 'open' ? 'open' : undefined,
    sort: mode === 'open' ? 'dueDate' : '-issueDate',
  });
  const invoices = useInvoices({ params });

  const columns: DataTableColumn<InvoiceResponseDto>[] = [
    {
      key: 'number',
      header: 'Invoice #',
      sortable: true,
      render: (i) =>
        i.pdfUrl ? (
          <a href={i.pdfUrl} target="_blank" rel="noreferrer">
            {i.number}
          </a>
        ) : (
          i.number
        ),
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
    ...(mode === 'history'
      ? [
          {
            key: 'status',
            header: 'Status',
            render: (i: InvoiceResponseDto) => (
              <span
                className={
                  i.status === 'paid'
                    ? 'ui-badge ui-badge--success'
                    : i.status === 'void'
                      ? 'ui-badge'
                      : 'ui-badge ui-badge--warning'
                }
              >
                {STATUS_LABELS[i.status] ?? i.status}
              </span>
            ),
          },
        ]
      : []),
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

  const title = mode === 'open' ? 'Open Invoices' : 'Invoice History';
  return (
    <Card title={title} flush>
      <div className="app-toolbar app-toolbar--padded">
        <SearchInput
          label="Search invoices"
          placeholder="Invoice number"
          value={params.q ?? ''}
          onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
        />
        {mode === 'history' && (
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
        )}
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
          emptyTitle={
            params.q || params.status !== (mode === 'open' ? 'open' : undefined)
              ? 'No matching invoices'
              : mode === 'open'
                ? 'No open invoices'
                : 'No invoices yet'
          }
          emptyText={
            mode === 'open' && !params.q ? 'This organization owes nothing right now.' : undefined
          }
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
