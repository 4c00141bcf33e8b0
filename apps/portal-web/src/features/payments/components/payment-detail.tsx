import {
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  formatDate,
  formatDateTime,
  formatMoney,
} from '@settle/ui';
import { Link } from 'react-router';

import { methodDescription, methodName } from '@/components/payment-method-label';
import { paths } from '@/config/paths';
import { problemMessage } from '@/lib/problem';

import { usePayment } from '../api/payments';
import type { Payment } from '../api/types';

import { PaymentReceipts } from './payment-receipts';
import { PaymentStatusBadge } from './payment-status';
import { ScheduledPaymentActions } from './scheduled-payment-actions';

const REFUND_STATUS: Record<string, string> = {
  pending: 'Pending',
  succeeded: 'Refunded',
  failed: 'Failed',
};

/** What happened to the payment, in one sentence, from its status and dates. */
function outcome(p: Payment, money: (minor: number) => string): string {
  switch (p.status) {
    case 'succeeded':
      return `${money(p.total)} was charged${p.processedAt ? ` on ${formatDate(p.processedAt)}` : ''}.`;
    case 'processing':
      return `${money(p.total)} is processing: a bank debit settles after a few business days.`;
    case 'scheduled':
      return `${money(p.total)} will be charged on ${formatDate(p.scheduledFor)}.`;
    case 'pending_approval':
      return `${money(p.total)} waits for approval before it is charged.`;
    case 'failed':
      return `The payment failed: ${p.failureMessage ?? 'the charge was refused'}. Nothing was charged.`;
    case 'cancelled':
      return 'The payment was cancelled. Nothing was charged.';
    case 'returned':
      return `The bank returned the payment${p.returnCode ? ` (${p.returnCode})` : ''}${p.failureMessage ? `: ${p.failureMessage}` : ''}.`;
    case 'refunded':
      return `${money(p.amountRefunded)} was refunded.`;
    default:
      return '';
  }
}

export function PaymentDetail({
  organizationId,
  paymentId,
  canPay,
}: {
  organizationId: string;
  paymentId: string;
  /** The contact's profile grants pay: it may move or cancel a scheduled payment. */
  canPay: boolean;
}) {
  const payment = usePayment({ organizationId, paymentId });
  const back = <Link to={paths.app.history.getHref()}>Back to history</Link>;
  if (payment.isPending) return <LoadingState label="Loading the payment…" />;
  if (payment.isError) {
    return (
      <ErrorState
        title="Could not load the payment"
        message={problemMessage(payment.error)}
        action={back}
      />
    );
  }
  const p = payment.data;
  const money = (minor: number) => formatMoney(minor, p.currency);
  return (
    <>
      <PageHeader
        title={`Payment ${p.number}`}
        actions={<PaymentStatusBadge status={p.status} />}
      />
      <div className="portal-stack">
        <Card>
          <p
            className={
              p.status === 'failed' || p.status === 'returned' ? 'portal-text-danger' : undefined
            }
          >
            {outcome(p, money)}
          </p>
          <dl className="portal-totals">
            <div>
              <dt>Payment amount</dt>
              <dd>{money(p.amount)}</dd>
            </div>
            <div>
              <dt>Convenience fee</dt>
              <dd>{money(p.fee)}</dd>
            </div>
            <div className="portal-totals__total">
              <dt>Total</dt>
              <dd>{money(p.total)}</dd>
            </div>
            {p.amountRefunded > 0 && (
              <div>
                <dt>Refunded</dt>
                <dd>{money(p.amountRefunded)}</dd>
              </div>
            )}
          </dl>
          <dl className="portal-details">
            <div>
              <dt>Payment method</dt>
              <dd>
                {methodName(p.paymentMethod)}
                <div className="ui-muted">{methodDescription(p.paymentMethod)}</div>
              </dd>
            </div>
            <div>
              <dt>Made</dt>
              <dd>{formatDateTime(p.createdAt)}</dd>
            </div>
            {p.scheduledFor && (
              <div>
                <dt>Scheduled for</dt>
                <dd>{formatDate(p.scheduledFor)}</dd>
              </div>
            )}
            {p.processedAt && (
              <div>
                <dt>Processed</dt>
                <dd>{formatDateTime(p.processedAt)}</dd>
              </div>
            )}
            {p.installment && (
              <div>
                <dt>Installment</dt>
                <dd>
                  {p.installment.number} of {p.installment.count}
                </dd>
              </div>
            )}
          </dl>
        </Card>
        {canPay && p.status === 'scheduled' && (
          <ScheduledPaymentActions organizationId={organizationId} payment={p} />
        )}
        <Card title="Invoices paid" flush>
          <ul className="portal-list" aria-label="Allocations">
            {p.allocations.map((a) => (
              <li key={a.invoiceId} className="portal-row">
                <span className="portal-row__main">
                  <Link className="portal-row__title" to={paths.app.invoice.getHref(a.invoiceId)}>
                    Invoice {a.invoiceNumber}
                  </Link>
                  {a.requestedAmount !== a.amount && (
                    <span className="portal-row__meta">
                      {money(a.requestedAmount)} asked for, reduced so the invoice is not overpaid
                    </span>
                  )}
                  {a.amountRefunded > 0 && (
                    <span className="portal-row__meta">{money(a.amountRefunded)} refunded</span>
                  )}
                </span>
                <span className="portal-row__amount">{money(a.amount)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <PaymentReceipts organizationId={organizationId} payment={p} />
        {p.refunds.length > 0 && (
          <Card title="Refunds" flush>
            <ul className="portal-list" aria-label="Refunds">
              {p.refunds.map((r) => (
                <li key={r.id} className="portal-row">
                  <span className="portal-row__main">
                    <span className="portal-row__title">{formatDate(r.createdAt)}</span>
                    <span className="portal-row__meta">
                      {REFUND_STATUS[r.status] ?? r.status}
                      {r.reason ? ` · ${r.reason}` : ''}
                      {r.fee > 0 ? ` · plus ${money(r.fee)} of the fee given back` : ''}
                      {r.failureMessage ? ` · ${r.failureMessage}` : ''}
                    </span>
                  </span>
                  <span className="portal-row__amount">{money(r.amount)}</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        <p>{back}</p>
      </div>
    </>
  );
}
