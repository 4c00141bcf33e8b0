import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  EmptyState,
  ErrorState,
  LoadingState,
  StatTile,
  formatDate,
  formatDateTime,
  formatMoney,
  type DataTableColumn,
} from '@settle/ui';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { methodName, nameShowsLast4 } from '@/components/payment-methods/payment-method-label';
import { paths } from '@/config/paths';
import { formatDatesInText } from '@/lib/dates-in-text';
import { useMsp } from '@/lib/msp-context';

import { usePayment } from '../api/get-payment';
import type { AllocationDto, PaymentDto, RefundDto } from '../api/types';

import { AccountingSyncCard } from './accounting-sync-card';
import { CancelPaymentDialog } from './cancel-payment-dialog';
import { PaymentStatusBadge } from './payment-status';
import { RefundPaymentDialog } from './refund-payment-dialog';
import { ReschedulePaymentDialog } from './reschedule-payment-dialog';

const ORIGIN_LABELS: Record<PaymentDto['origin'], string> = {
  staff: 'Staff',
  api: 'API',
  portal: 'Customer portal',
  autopay: 'AutoPay',
};
const REFUND_STATUS: Record<RefundDto['status'], string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/**
 * One payment; `emails` is its Emails card and `approval` the Approve / Reject buttons of a
 * payment waiting for approval, composed by the route (they belong to emails and autopay).
 */
export function PaymentDetail({
  id,
  emails,
  approval,
}: {
  id: string;
  emails?: ReactNode;
  approval?: (payment: PaymentDto) => ReactNode;
}) {
  const payment = usePayment({ id });
  const back = (
    <Link to={paths.app.payments.getHref()} className="app-back-link">
      ‹ Back to Payments
    </Link>
  );
  if (payment.isPending) return <LoadingState label="Loading payment…" />;
  if (payment.isError) {
    const notFound = isApiError(payment.error) && payment.error.status === 404;
    return (
      <>
        {back}
        {notFound ? (
          <EmptyState
            title="Payment not found"
            text="It may belong to another organization, or the link is wrong."
            action={<Link to={paths.app.payments.getHref()}>All payments</Link>}
          />
        ) : (
          <ErrorState
            message={
              isApiError(payment.error) ? payment.error.detail : 'Could not load the payment.'
            }
            requestId={isApiError(payment.error) ? payment.error.requestId : null}
            action={<Button onClick={() => void payment.refetch()}>Try again</Button>}
          />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <PaymentView
        payment={payment.data}
        emails={emails}
        approval={payment.data.status === 'pending_approval' ? approval?.(payment.data) : null}
      />
    </>
  );
}

function PaymentView({
  payment: p,
  emails,
  approval,
}: {
  payment: PaymentDto;
  emails: ReactNode;
  approval: ReactNode;
}) {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const [dialog, setDialog] = useState<'cancel' | 'reschedule' | 'refund' | null>(null);
  const money = (minor: number) => formatMoney(minor, p.currency);
  const refundable = p.amount - p.amountRefunded;
  const close = () => setDialog(null);

  const allocationColumns: DataTableColumn<AllocationDto>[] = [
    {
      key: 'invoice',
      header: 'Invoice #',
      render: (a) => <Link to={paths.app.invoice.getHref(a.invoiceId)}>{a.invoiceNumber}</Link>,
    },
    {
      key: 'requested',
      header: 'Requested',
      align: 'right',
      render: (a) => money(a.requestedAmount),
    },
    { key: 'amount', header: 'Amount', align: 'right', render: (a) => money(a.amount) },
    {
      key: 'refunded',
      header: 'Refunded',
      align: 'right',
      render: (a) => (a.amountRefunded ? money(a.amountRefunded) : '—'),
    },
  ];
  const refundColumns: DataTableColumn<RefundDto>[] = [
    { key: 'createdAt', header: 'Date', render: (r) => formatDateTime(r.createdAt, timeZone) },
    { key: 'amount', header: 'Amount', align: 'right', render: (r) => money(r.amount) },
    { key: 'fee', header: 'Fee refunded', align: 'right', render: (r) => money(r.fee) },
    {
      key: 'status',
      header: 'Status',
      render: (r) => (
        <>
          <span
            className={
              r.status === 'succeeded'
                ? 'ui-badge ui-badge--success'
                : r.status === 'failed'
                  ? 'ui-badge ui-badge--danger'
                  : 'ui-badge ui-badge--warning'
            }
          >
            {REFUND_STATUS[r.status] ?? r.status}
          </span>
          {r.failureMessage && <div className="ui-muted app-note-text">{r.failureMessage}</div>}
        </>
      ),
    },
    { key: 'reason', header: 'Reason', render: (r) => r.reason || '—' },
  ];

  return (
    <>
      <div className="ui-page-header app-org-header">
        <div>
          <h1>
            Payment {p.number} <PaymentStatusBadge status={p.status} />
          </h1>
          <p className="ui-muted app-org-header__parent">
            <Link to={paths.app.organization.getHref(p.organizationId)}>{p.organizationName}</Link>
          </p>
        </div>
        {canEdit && (
          <div className="ui-page-header__actions">
            {approval}
            {p.status === 'scheduled' && (
              <>
                <Button size="sm" onClick={() => setDialog('reschedule')}>
                  Reschedule
                </Button>
                <Button size="sm" variant="danger" onClick={() => setDialog('cancel')}>
                  Cancel payment
                </Button>
              </>
            )}
            {p.status === 'succeeded' && refundable > 0 && (
              <Button size="sm" onClick={() => setDialog('refund')}>
                Refund
              </Button>
            )}
          </div>
        )}
      </div>

      {p.status === 'failed' && (
        <div className="ui-alert ui-alert--error" role="alert">
          Payment failed: {p.failureMessage ?? 'the gateway refused the charge.'}
          {p.failureCode ? ` (${p.failureCode})` : ''}
        </div>
      )}
      {p.status === 'returned' && (
        <div className="ui-alert ui-alert--error" role="alert">
          Returned by the bank{p.returnCode ? ` (${p.returnCode})` : ''}
          {p.failureMessage ? `: ${p.failureMessage}` : '.'}
        </div>
      )}
      {p.status === 'processing' && (
        <div className="ui-alert ui-alert--info" role="status">
          Bank debit submitted: waiting for settlement.
        </div>
      )}

      <div className="ui-grid">
        <Card title="Payment" className="app-full">
          <dl className="ui-stat-tiles" aria-label="Amounts">
            <StatTile data-testid="payment-amount" label="Amount" value={money(p.amount)} />
            <StatTile data-testid="payment-fee" label="Convenience fee" value={money(p.fee)} />
            <StatTile data-testid="payment-total" label="Total charged" value={money(p.total)} />
            <StatTile
              data-testid="payment-refunded"
              label="Refunded"
              value={money(p.amountRefunded)}
            />
          </dl>
          <dl className="app-details">
            <div>
              <dt>Organization</dt>
              <dd>
                <Link to={paths.app.organization.getHref(p.organizationId)}>
                  {p.organizationName}
                </Link>
              </dd>
            </div>
            <div>
              <dt>Payment method</dt>
              <dd>
                {methodName(p.paymentMethod)}
                {!nameShowsLast4(p.paymentMethod) && (
                  <div className="ui-muted app-note-text">•••• {p.paymentMethod.last4}</div>
                )}
              </dd>
            </div>
            <div>
              <dt>Scheduled for</dt>
              <dd>{p.scheduledFor ? formatDate(p.scheduledFor, timeZone) : '—'}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>
                {formatDateTime(p.createdAt, timeZone)}
                <div className="ui-muted app-note-text">
                  by {p.createdBy} · {ORIGIN_LABELS[p.origin] ?? p.origin}
                </div>
              </dd>
            </div>
            <div>
              <dt>Processed</dt>
              <dd>{p.processedAt ? formatDateTime(p.processedAt, timeZone) : '—'}</dd>
            </div>
            {p.installment && (
              <div>
                <dt>Installment</dt>
                <dd>
                  {p.installment.number} of {p.installment.count}
                </dd>
              </div>
            )}
            <div>
              <dt>Extra receipt recipients</dt>
              <dd>{p.receiptRecipients.length ? p.receiptRecipients.join(', ') : 'None'}</dd>
            </div>
          </dl>
        </Card>

        <AccountingSyncCard payment={p} canEdit={canEdit} />

        <Card title="Allocations" flush className="app-full">
          <DataTable
            label="Allocations"
            columns={allocationColumns}
            rows={p.allocations}
            getRowId={(a) => a.invoiceId}
            emptyTitle="No allocations"
          />
        </Card>

        <Card title="Refunds" flush className="app-full">
          <DataTable
            label="Refunds"
            columns={refundColumns}
            rows={p.refunds}
            getRowId={(r) => r.id}
            emptyTitle="No refunds"
          />
        </Card>

        <Card title="Timeline" className="app-full">
          {p.timeline.length ? (
            <ol className="app-timeline" aria-label="Timeline">
              {p.timeline.map((e, i) => (
                <li
                  key={`${e.at}-${i}`}
                  className={`app-timeline__event app-timeline__event--${e.type}`}
                >
                  <p className="app-timeline__summary">{formatDatesInText(e.summary, timeZone)}</p>
                  <p className="ui-muted app-timeline__meta">
                    {e.actor} · <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState bare title="No events yet" />
          )}
        </Card>

        {emails}
      </div>

      <CancelPaymentDialog payment={p} open={dialog === 'cancel'} onClose={close} />
      <ReschedulePaymentDialog payment={p} open={dialog === 'reschedule'} onClose={close} />
      <RefundPaymentDialog payment={p} open={dialog === 'refund'} onClose={close} />
    </>
  );
}
