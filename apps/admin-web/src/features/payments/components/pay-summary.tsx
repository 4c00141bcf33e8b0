import { Button, formatDate, formatMoney } from '@settle/ui';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';
import { useMsp } from '@/lib/msp-context';

import type { CreatePaymentDto, PaymentQuoteDto } from '../api/types';

/**
 * Pay flow, summary step: the quote (fee, total, scheduled payments it trims) and the one button
 * that moves money. A failed confirm shows here; confirming again replays the same request.
 */
export function PaySummary({
  quote,
  body,
  method,
  error,
  pending,
  onBack,
  onConfirm,
}: {
  quote: PaymentQuoteDto;
  body: CreatePaymentDto;
  method: PaymentMethodDto | undefined;
  error: string | null;
  pending: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { timeZone } = useMsp();
  const money = (minor: number) => formatMoney(minor, quote.currency);
  return (
    <section aria-label="Summary">
      {error && (
        <div className="ui-alert ui-alert--error" role="alert">
          {error} Nothing was charged twice: confirming again retries the same payment.
        </div>
      )}
      <table className="ui-table" aria-label="Allocations">
        <thead>
          <tr>
            <th scope="col">Invoice #</th>
            <th scope="col" style={{ textAlign: 'right' }}>
              Open balance
            </th>
            <th scope="col" style={{ textAlign: 'right' }}>
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {quote.allocations.map((a) => (
            <tr key={a.invoiceId}>
              <td>{a.invoiceNumber}</td>
              <td style={{ textAlign: 'right' }}>{money(a.openBalance)}</td>
              <td style={{ textAlign: 'right' }}>{money(a.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="app-totals" aria-label="Payment totals">
        <div>
          <dt>Payment amount</dt>
          <dd data-testid="quote-amount">{money(quote.amount)}</dd>
        </div>
        <div>
          <dt>Convenience fee</dt>
          <dd data-testid="quote-fee">{money(quote.fee)}</dd>
        </div>
        <div className="app-totals__total">
          <dt>Total</dt>
          <dd data-testid="quote-total">{money(quote.total)}</dd>
        </div>
      </dl>
      <dl className="app-details app-pay-summary">
        <div>
          <dt>Payment method</dt>
          <dd>
            {method ? (
              <>
                {methodName(method)}
                <div className="ui-muted app-note-text">{methodDescription(method)}</div>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>
            {body.scheduledFor ? `Scheduled for ${formatDate(body.scheduledFor, timeZone)}` : 'Now'}
          </dd>
        </div>
        <div>
          <dt>Extra receipt recipients</dt>
          <dd>{body.receiptRecipients?.length ? body.receiptRecipients.join(', ') : 'None'}</dd>
        </div>
      </dl>
      {quote.adjustments.length > 0 && (
        <div className="ui-alert ui-alert--warning" role="status">
          <p className="app-alert-title">To keep the invoices from being overpaid:</p>
          <ul className="app-adjustments" aria-label="Adjustments">
            {quote.adjustments.map((a) => (
              <li key={a.paymentId}>
                Scheduled payment {a.paymentNumber}
                {a.scheduledFor ? ` on ${formatDate(a.scheduledFor, timeZone)}` : ''}
                {a.cancelled || a.toAmount === 0
                  ? ' will be cancelled.'
                  : ` will be reduced from ${money(a.fromAmount)} to ${money(a.toAmount)}.`}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="app-form-actions">
        <Button onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button variant="primary" loading={pending} onClick={onConfirm}>
          Confirm payment
        </Button>
      </div>
    </section>
  );
}
