import { Button, formatDate, formatMoney } from '@settle/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import type { PaymentDto } from '../api/types';

import { PaymentStatusBadge } from './payment-status';

/**
 * Pay flow, last step: what happened to the payment, in its own words (charged, processing,
 * scheduled or declined), its number and a link to it, and `receipt`: the emails it led to, as
 * they really are (the route composes it; this promises none).
 */
export function PayConfirmation({
  payment,
  organizationId,
  receipt,
  onTryAgain,
}: {
  payment: PaymentDto;
  organizationId: string;
  receipt?: ReactNode;
  onTryAgain: () => void;
}) {
  const { timeZone } = useMsp();
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const failed = payment.status === 'failed';
  const heading =
    payment.status === 'scheduled'
      ? 'Payment scheduled'
      : failed
        ? 'Payment failed'
        : 'Payment confirmed';
  return (
    <section aria-labelledby="payment-confirmation-heading" className="app-confirmation">
      <h2 id="payment-confirmation-heading" className={failed ? 'app-text-danger' : undefined}>
        {heading}
      </h2>
      <p>
        Payment <strong data-testid="payment-number">{payment.number}</strong>{' '}
        <PaymentStatusBadge status={payment.status} />
      </p>
      {payment.status === 'succeeded' && <p>{money(payment.total)} was charged.</p>}
      {payment.status === 'processing' && (
        <p>
          Bank debit submitted: {money(payment.total)} is processing and settles after the bank's
          settlement window. It can still be returned by the bank.
        </p>
      )}
      {payment.status === 'scheduled' && (
        <p>
          {money(payment.total)} will be charged on {formatDate(payment.scheduledFor, timeZone)}.
        </p>
      )}
      {failed && (
        <div className="ui-alert ui-alert--error" role="alert">
          The payment was declined: {payment.failureMessage ?? 'the gateway refused the charge.'}
          {payment.failureCode ? ` (${payment.failureCode})` : ''} Nothing was charged.
        </div>
      )}
      {receipt}
      <dl className="app-totals">
        <div>
          <dt>Payment amount</dt>
          <dd>{money(payment.amount)}</dd>
        </div>
        <div>
          <dt>Convenience fee</dt>
          <dd>{money(payment.fee)}</dd>
        </div>
        <div className="app-totals__total">
          <dt>Total</dt>
          <dd>{money(payment.total)}</dd>
        </div>
      </dl>
      <div className="app-form-actions app-form-actions--start">
        <Link className="ui-button ui-button--primary" to={paths.app.payment.getHref(payment.id)}>
          View payment
        </Link>
        {failed && <Button onClick={onTryAgain}>Try again</Button>}
        <Link
          className="ui-button ui-button--secondary"
          to={paths.app.organization.section(organizationId, 'open-invoices')}
        >
          Back to open invoices
        </Link>
      </div>
    </section>
  );
}
