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
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { usePayments } from '../api/get-payments';
import type { PaymentStatus, PaymentSummaryDto } from '../api/types';

import { PaymentStatusBadge } from './payment-status';

/** Payments that have not been charged yet: they will (or may) be, on their date. */
const UPCOMING: ReadonlySet<PaymentStatus> = new Set(['scheduled', 'pending_approval']);
const MAX_PAYMENTS = 200;

/**
 * The payments against one invoice, with what each put on THIS invoice (a payment may cover
 * several): those already made, and those scheduled. One request serves both lists.
 */
export function InvoicePayments({ invoiceId }: { invoiceId: string }) {
  const { timeZone } = useMsp();
  const payments = usePayments({
    params: { invoiceId: [invoiceId], page: 1, pageSize: MAX_PAYMENTS, sort: '-createdAt' },
  });

  if (payments.isError) {
    return (
      <Card title="Payments">
        <ErrorState
          message={
            isApiError(payments.error) ? payments.error.detail : 'Could not load the payments.'
          }
          requestId={isApiError(payments.error) ? payments.error.requestId : null}
          action={<Button onClick={() => void payments.refetch()}>Try again</Button>}
        />
      </Card>
    );
  }

  const all = payments.data?.data ?? [];
  const made = all.filter((p) => !UPCOMING.has(p.status));
  const upcoming = all
    .filter((p) => UPCOMING.has(p.status))
    .sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''));
  const onThisInvoice = (p: PaymentSummaryDto) =>
    formatMoney(p.allocations.find((a) => a.invoiceId === invoiceId)?.amount ?? 0, p.currency);
  const numberColumn: DataTableColumn<PaymentSummaryDto> = {
    key: 'number',
    header: 'Payment #',
    render: (p) => <Link to={paths.app.payment.getHref(p.id)}>{p.number}</Link>,
  };
  const statusColumn: DataTableColumn<PaymentSummaryDto> = {
    key: 'status',
    header: 'Status',
    render: (p) => <PaymentStatusBadge status={p.status} />,
  };
  const amountColumn: DataTableColumn<PaymentSummaryDto> = {
    key: 'amount',
    header: 'On this invoice',
    align: 'right',
    render: onThisInvoice,
  };

  const madeColumns: DataTableColumn<PaymentSummaryDto>[] = [
    numberColumn,
    {
      key: 'date',
      header: 'Date',
      render: (p) => formatDate(p.processedAt ?? p.createdAt, timeZone),
    },
    statusColumn,
    amountColumn,
  ];
  const upcomingColumns: DataTableColumn<PaymentSummaryDto>[] = [
    numberColumn,
    {
      key: 'scheduledFor',
      header: 'Scheduled for',
      render: (p) => formatDate(p.scheduledFor, timeZone),
    },
    statusColumn,
    amountColumn,
  ];
  const loading = payments.isPending;
  const total = payments.data?.total ?? 0;

  return (
    <>
      <Card title="Payments applied" flush={loading || made.length > 0}>
        {loading || made.length > 0 ? (
          <DataTable
            label="Payments applied"
            columns={madeColumns}
            rows={made}
            getRowId={(p) => p.id}
            loading={loading}
          />
        ) : (
          <p className="ui-muted app-note-text">No Settle payment has been made on this invoice.</p>
        )}
        {total > all.length && (
          <p className="ui-muted app-note-text app-note-text--padded">
            Showing the {all.length} newest of {total} payments.
          </p>
        )}
      </Card>
      <Card title="Scheduled payments" flush={loading || upcoming.length > 0}>
        {loading || upcoming.length > 0 ? (
          <DataTable
            label="Scheduled payments"
            columns={upcomingColumns}
            rows={upcoming}
            getRowId={(p) => p.id}
            loading={loading}
          />
        ) : (
          <p className="ui-muted app-note-text">No payment is scheduled against this invoice.</p>
        )}
      </Card>
    </>
  );
}
