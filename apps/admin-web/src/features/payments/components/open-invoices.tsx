import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  Chip,
  DataTable,
  ErrorState,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoicesListParams } from '@/api/invoices/keys';
import type { InvoiceResponseDto } from '@/api/invoices/types';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import {
  useScheduledInvoicePayments,
  type ScheduledOnInvoice,
} from '../api/get-scheduled-invoice-payments';

/** All open invoices of an organization, oldest due first (the pay flow reads the same list). */
export const openInvoicesParams = (organizationId: string): InvoicesListParams => ({
  organizationId,
  status: 'open',
  page: 1,
  pageSize: 200,
  sort: 'dueDate',
});

/**
 * Open invoices with a checkbox each and "Pay selected" (seed 001). `limit` shows the first rows
 * only (the profile's details page) with a link to the full list.
 */
export function OpenInvoices({
  organizationId,
  limit,
}: {
  organizationId: string;
  limit?: number;
}) {
  const { timeZone, user } = useMsp();
  const canPay = user.role !== 'viewer';
  const navigate = useNavigate();
  const invoices = useInvoices({ params: openInvoicesParams(organizationId) });
  const scheduled = useScheduledInvoicePayments(organizationId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [q, setQ] = useState('');

  const all = invoices.data?.data ?? [];
  const matching = q ? all.filter((i) => i.number.toLowerCase().includes(q.toLowerCase())) : all;
  const rows = limit ? matching.slice(0, limit) : matching;
  const chosen = all.filter((i) => selected.has(i.id));
  const allRowsSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someRowsSelected = rows.some((r) => selected.has(r.id));
  const currency = chosen[0]?.currency ?? all[0]?.currency ?? 'USD';
  const selectedTotal = chosen.reduce((sum, i) => sum + i.openBalance, 0);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const r of rows) {
        if (on) next.add(r.id);
        else next.delete(r.id);
      }
      return next;
    });

  const columns: DataTableColumn<InvoiceResponseDto>[] = [
    ...(canPay
      ? [
          {
            key: 'select',
            width: '36px',
            header: (
              <SelectAllBox
                checked={allRowsSelected}
                indeterminate={someRowsSelected && !allRowsSelected}
                disabled={rows.length === 0}
                onChange={toggleAll}
              />
            ),
            render: (i: InvoiceResponseDto) => (
              <input
                type="checkbox"
                aria-label={`Select invoice ${i.number}`}
                checked={selected.has(i.id)}
                onChange={(e) => toggle(i.id, e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'number',
      header: 'Invoice #',
      render: (i) =>
        i.pdfUrl ? (
          <a href={i.pdfUrl} target="_blank" rel="noreferrer">
            {i.number}
          </a>
        ) : (
          i.number
        ),
    },
    { key: 'dueDate', header: 'Due date', render: (i) => formatDate(i.dueDate, timeZone) },
    {
      key: 'status',
      header: 'Status',
      render: (i) => (
        <InvoiceFlags invoice={i} scheduled={scheduled.byInvoice.get(i.id)} timeZone={timeZone} />
      ),
    },
    {
      key: 'total',
      header: 'Total',
      align: 'right',
      render: (i) => formatMoney(i.total, i.currency),
    },
    {
      key: 'openBalance',
      header: 'Open balance',
      align: 'right',
      render: (i) => formatMoney(i.openBalance, i.currency),
    },
  ];

  const total = invoices.data?.total ?? 0;
  return (
    <Card
      title="Open Invoices"
      flush
      actions={
        canPay && (
          <div className="app-row-actions">
            {chosen.length > 0 && (
              <span className="ui-muted" aria-live="polite">
                {chosen.length} selected · {formatMoney(selectedTotal, currency)}
              </span>
            )}
            <Button
              variant="primary"
              size="sm"
              disabled={chosen.length === 0}
              onClick={() =>
                navigate(
                  paths.app.organization.pay(
                    organizationId,
                    chosen.map((i) => i.id),
                  ),
                )
              }
            >
              Pay selected
            </Button>
          </div>
        )
      }
    >
      {!limit && (
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search invoices"
            placeholder="Invoice number"
            value={q}
            onSearch={setQ}
          />
        </div>
      )}
      {invoices.isError ? (
        <ErrorState
          message={isApiError(invoices.error) ? invoices.error.detail : 'Could not load invoices.'}
          requestId={isApiError(invoices.error) ? invoices.error.requestId : null}
          action={
            <button type="button" className="ui-button" onClick={() => void invoices.refetch()}>
              Try again
            </button>
          }
        />
      ) : (
        <DataTable
          label="Open Invoices"
          columns={columns}
          rows={rows}
          getRowId={(i) => i.id}
          loading={invoices.isPending}
          emptyTitle={q ? 'No matching invoices' : 'No open invoices'}
          emptyText={q ? undefined : 'This organization owes nothing right now.'}
        />
      )}
      {limit && matching.length > rows.length ? (
        <p className="app-note-text app-note-text--padded">
          <Link to={paths.app.organization.section(organizationId, 'open-invoices')}>
            View all {matching.length} open invoices
          </Link>
        </p>
      ) : null}
      {!limit && total > all.length && (
        <p className="ui-muted app-note-text app-note-text--padded">
          Showing the {all.length} oldest of {total} open invoices.
        </p>
      )}
    </Card>
  );
}

function SelectAllBox({
  checked,
  indeterminate,
  disabled,
  onChange,
}: {
  checked: boolean;
  indeterminate: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all invoices"
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

function InvoiceFlags({
  invoice,
  scheduled,
  timeZone,
}: {
  invoice: InvoiceResponseDto;
  scheduled: ScheduledOnInvoice[] | undefined;
  timeZone: string;
}) {
  if (!invoice.pastDue && !scheduled?.length) return <span className="ui-muted">—</span>;
  return (
    <span className="app-flags">
      {invoice.pastDue && <span className="ui-badge ui-badge--danger">Past due</span>}
      {scheduled?.length ? (
        <Chip
          tooltip={scheduled
            .map(
              (s) =>
                `${s.number}${s.scheduledFor ? ` on ${formatDate(s.scheduledFor, timeZone)}` : ''}: ${formatMoney(s.amount, s.currency)}`,
            )
            .join('; ')}
        >
          Scheduled
        </Chip>
      ) : null}
    </span>
  );
}
