import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  formatDate,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoiceSort, InvoicesListParams } from '@/api/invoices/keys';
import type { InvoiceResponseDto } from '@/api/invoices/types';
import { SearchInput } from '@/components/search-input';
import { useAutopayForecast, type AutopayForecastCharge } from '@/api/autopay/get-autopay-forecast';
import { paths } from '@/config/paths';
import { addDays, todayIn } from '@/lib/calendar-date';
import { useMsp } from '@/lib/msp-context';

import {
  useScheduledInvoicePayments,
  type ScheduledOnInvoice,
} from '../api/get-scheduled-invoice-payments';

/**
 * The invoices a payment can go to, oldest due first. An invoice paid in full through Settle but
 * not yet in accounting is not among them. (The pay flow fetches the chosen ones by id.)
 */
const openInvoicesParams = (
  organizationId: string,
  page: number,
  pageSize: number,
): InvoicesListParams => ({
  organizationId,
  payable: 'true',
  page,
  pageSize,
  sort: 'dueDate',
});

/** The longest range one AutoPay forecast covers. */
const FORECAST_DAYS = 92;

/**
 * Open invoices with a checkbox each and "Pay selected" (seed 001), one page at a time. `limit`
 * shows the first rows only (the profile's details page) with a link to the full list.
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
  const [params, setParams] = useState<InvoicesListParams>(() =>
    openInvoicesParams(organizationId, 1, limit ?? 25),
  );
  const invoices = useInvoices({ params });
  const rows = invoices.data?.data ?? [];
  const scheduled = useScheduledInvoicePayments(rows.map((i) => i.id));
  // what AutoPay will charge each invoice, as far ahead as one forecast reaches
  const today = todayIn(timeZone);
  const forecast = useAutopayForecast({
    from: today,
    organizationId,
    to: addDays(today, FORECAST_DAYS - 1),
  });
  const autopayByInvoice = new Map(
    (forecast.data?.days ?? []).flatMap((day) =>
      day.charges.map((charge) => [charge.invoiceId, { ...charge, date: day.date }] as const),
    ),
  );
  // kept by id with the row itself, so a selection survives paging and searching
  const [selected, setSelected] = useState<ReadonlyMap<string, InvoiceResponseDto>>(new Map());

  const chosen = [...selected.values()];
  const allRowsSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someRowsSelected = rows.some((r) => selected.has(r.id));
  const currency = chosen[0]?.currency ?? rows[0]?.currency ?? 'USD';
  const selectedTotal = chosen.reduce((sum, i) => sum + i.openBalance, 0);

  const toggle = (invoices: readonly InvoiceResponseDto[], on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      for (const i of invoices) {
        if (on) next.set(i.id, i);
        else next.delete(i.id);
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
                onChange={(on) => toggle(rows, on)}
              />
            ),
            render: (i: InvoiceResponseDto) => (
              <input
                type="checkbox"
                aria-label={`Select invoice ${i.number}`}
                checked={selected.has(i.id)}
                onChange={(e) => toggle([i], e.target.checked)}
              />
            ),
          },
        ]
      : []),
    {
      key: 'number',
      header: 'Invoice #',
      sortable: true,
      render: (i) => <Link to={paths.app.invoice.getHref(i.id)}>{i.number}</Link>,
    },
    {
      key: 'dueDate',
      header: 'Due date',
      sortable: true,
      render: (i) => formatDate(i.dueDate, timeZone),
    },
    {
      key: 'status',
      header: 'Status',
      render: (i) => (
        <InvoiceFlags
          invoice={i}
          scheduled={scheduled.byInvoice.get(i.id)}
          autopay={autopayByInvoice.get(i.id)}
          timeZone={timeZone}
        />
      ),
    },
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
            <Button
              size="sm"
              disabled={chosen.length === 0}
              onClick={() =>
                navigate(
                  paths.app.organization.installments(
                    organizationId,
                    chosen.map((i) => i.id),
                  ),
                )
              }
            >
              Pay in installments
            </Button>
          </div>
        )
      }
    >
      {!limit && (
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search invoices"
            placeholder="Invoice or PO number"
            value={params.q ?? ''}
            onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
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
          loading={invoices.isPending || invoices.isPlaceholderData}
          emptyTitle={params.q ? 'No matching invoices' : 'No open invoices'}
          emptyText={params.q ? undefined : 'This organization owes nothing right now.'}
          sort={params.sort}
          onSort={(sort) => setParams((p) => ({ ...p, sort: sort as InvoiceSort, page: 1 }))}
          {...(limit
            ? {}
            : {
                page: params.page,
                pageSize: params.pageSize,
                total,
                onPageChange: (page: number) => setParams((p) => ({ ...p, page })),
                onPageSizeChange: (pageSize: number) =>
                  setParams((p) => ({ ...p, pageSize, page: 1 })),
                pageSizeOptions: [25, 50, 100, 200],
              })}
        />
      )}
      {scheduled.isError && (
        <p className="app-text-danger app-note-text app-note-text--padded" role="alert">
          Scheduled payments could not be loaded: invoices with one are not marked.
        </p>
      )}
      {scheduled.incomplete && (
        <p className="ui-muted app-note-text app-note-text--padded">
          These invoices have more scheduled payments than can be shown at once: some are not
          marked. See Scheduled Payments for all of them.
        </p>
      )}
      {limit && total > rows.length ? (
        <p className="app-note-text app-note-text--padded">
          <Link to={paths.app.organization.section(organizationId, 'open-invoices')}>
            View all {total} open invoices
          </Link>
        </p>
      ) : null}
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
      aria-label="Select all invoices on this page"
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

function InvoiceFlags({
  invoice,
  scheduled,
  autopay,
  timeZone,
}: {
  invoice: InvoiceResponseDto;
  scheduled: ScheduledOnInvoice[] | undefined;
  autopay: (AutopayForecastCharge & { date: string }) | undefined;
  timeZone: string;
}) {
  if (!invoice.pastDue && !scheduled?.length && !autopay)
    return <span className="ui-muted">—</span>;
  return (
    <span className="app-flags">
      {invoice.pastDue && <span className="ui-badge ui-badge--danger">Past due</span>}
      {scheduled?.map((s) => (
        <Link
          key={s.paymentId}
          to={paths.app.payment.getHref(s.paymentId)}
          className="ui-badge app-badge--info app-marker"
        >
          Scheduled {formatMoney(s.amount, s.currency)} · {formatDate(s.scheduledFor, timeZone)}
          <span className="ui-visually-hidden"> (payment {s.number})</span>
        </Link>
      ))}
      {autopay && (
        // the invoice page explains which rule charges it, and why
        <Link
          to={paths.app.invoice.getHref(invoice.id)}
          className={`ui-badge app-marker ${autopay.needsApproval ? 'ui-badge--warning' : 'ui-badge--success'}`}
        >
          AutoPay {formatMoney(autopay.amount, autopay.currency)} ·{' '}
          {formatDate(autopay.date, timeZone)}
          {autopay.needsApproval && ' · needs approval'}
        </Link>
      )}
    </span>
  );
}
