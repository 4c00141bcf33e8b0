import { Button, formatDate, formatMoney } from '@settle/ui';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import type { Payment } from '../api/types';

import { PaymentStatusBadge } from './payment-status';

const HEADINGS: Partial<Record<Payment['status'], string>> = {
  succeeded: 'Payment received',
  processing: 'Payment submitted',
  scheduled: 'Payment scheduled',
  pending_approval: 'Payment awaiting approval',
  failed: 'Payment failed',
};

/** The pay flow's last step: what the API says happened, nothing more. */
export function PayResult({ payment, onTryAgain }: { payment: Payment; onTryAgain: () => void }) {
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const failed = payment.status === 'failed';
  return (
    <section className="ui-card portal-pay" aria-labelledby="pay-result-heading">
      <div className="ui-card__body">
        <h2 id="pay-result-heading" className={failed ? 'portal-text-danger' : undefined}>
          {HEADINGS[payment.status] ?? 'Payment recorded'}
        </h2>
        <p>
          Payment <strong data-testid="payment-number">{payment.number}</strong>{' '}
          <PaymentStatusBadge status={payment.status} />
        </p>
        {payment.status === 'succeeded' && <p>{money(payment.total)} was charged.</p>}
        {payment.status === 'processing' && (
          <p>
            {money(payment.total)} is processing. A bank debit settles after a few business days and
            can still be returned by the bank.
          </p>
        )}
        {payment.status === 'scheduled' && (
          <p>
            {money(payment.total)} will be charged on {formatDate(payment.scheduledFor)}.
          </p>
        )}
        {payment.status === 'pending_approval' && (
          <p>{money(payment.total)} will be charged once it is approved.</p>
        )}
        {failed && (
          <div className="ui-alert ui-alert--error" role="alert">
            The payment was declined: {payment.failureMessage ?? 'the charge was refused.'}
            {payment.failureCode ? ` (${payment.failureCode})` : ''} Nothing was charged.
          </div>
        )}
        <dl className="portal-totals">
          <div>
            <dt>Payment amount</dt>
            <dd>{money(payment.amount)}</dd>
          </div>
          <div>
            <dt>Convenience fee</dt>
            <dd>{money(payment.fee)}</dd>
          </div>
          <div className="portal-totals__total">
            <dt>Total</dt>
            <dd>{money(payment.total)}</dd>
          </div>
        </dl>
        <div className="portal-actions portal-actions--start">
          <Link className="ui-button ui-button--primary" to={paths.app.payment.getHref(payment.id)}>
            View payment
          </Link>
          {failed && <Button onClick={onTryAgain}>Try again</Button>}
          <Link className="ui-button ui-button--secondary" to={paths.app.invoices.getHref()}>
            Back to open invoices
          </Link>
        </div>
      </div>
    </section>
  );
}
