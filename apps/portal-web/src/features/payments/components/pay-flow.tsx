import { isApiError } from '@settle/api-client';
import { Button, EmptyState, ErrorState, LoadingState, formatDate, formatMoney } from '@settle/ui';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { usePayableInvoices, type PortalInvoice } from '@/api/invoices';
import { usePaymentMethods, type PortalPaymentMethod } from '@/api/payment-methods';
import { methodDescription, methodName } from '@/components/payment-method-label';
import { paths, type PayAllocation } from '@/config/paths';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { CONNECTION_ERROR, problemMessage } from '@/lib/problem';

import { useCreatePayment, useQuotePayment } from '../api/payments';
import type { CreatePayment, Payment, PaymentQuote } from '../api/types';

import { PayResult } from './pay-result';

/** The day in the browser's zone as YYYY-MM-DD (the API checks it against the MSP's today). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The pay flow: the selected invoices and amounts (from the Open Invoices page) → a saved method
 * and when → the quote (fee, total, scheduled payments it trims) → Confirm → what happened.
 */
export function PayFlow({
  organizationId,
  allocations,
}: {
  organizationId: string;
  allocations: readonly PayAllocation[];
}) {
  const ids = allocations.map((a) => a.invoiceId);
  const toPay = usePayableInvoices({ organizationId, ids, enabled: ids.length > 0 });
  const methods = usePaymentMethods({ organizationId });
  // the invoices as the flow opened: paying them (which refetches them) must not end the flow
  const [invoices, setInvoices] = useState<PortalInvoice[] | null>(null);
  if (invoices === null && toPay.isSuccess) setInvoices(toPay.data.data);

  const back = <Link to={paths.app.invoices.getHref()}>Back to open invoices</Link>;
  if (allocations.length === 0) {
    return (
      <EmptyState
        title="No invoices selected"
        text="Select the invoices to pay on the Open Invoices page, then choose Pay."
        action={back}
      />
    );
  }
  if (toPay.isError || methods.isError) {
    return (
      <ErrorState
        title="Could not start the payment"
        message={problemMessage(toPay.error ?? methods.error)}
        action={back}
      />
    );
  }
  if (!invoices || methods.isPending) return <LoadingState />;
  const lines = allocations.flatMap((a) => {
    const invoice = invoices.find((i) => i.id === a.invoiceId);
    return invoice ? [{ invoice, amount: a.amount }] : [];
  });
  if (lines.length === 0) {
    return (
      <EmptyState
        title="Nothing left to pay"
        text="The selected invoices are no longer open: paid, voided, or covered by a payment in progress."
        action={back}
      />
    );
  }
  return (
    <PaySteps
      organizationId={organizationId}
      lines={lines}
      missing={allocations.length - lines.length}
      methods={methods.data.data}
    />
  );
}

interface Line {
  invoice: PortalInvoice;
  amount: number;
}

type Quoted = { body: CreatePayment; quote: PaymentQuote; idempotencyKey: string };

function PaySteps({
  organizationId,
  lines,
  missing,
  methods,
}: {
  organizationId: string;
  lines: Line[];
  missing: number;
  methods: PortalPaymentMethod[];
}) {
  const usable = methods.filter((m) => m.status === 'active');
  const [methodId, setMethodId] = useState(
    () => (usable.find((m) => m.isDefault) ?? usable[0])?.id ?? '',
  );
  const [later, setLater] = useState(false);
  const [date, setDate] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [quoted, setQuoted] = useState<Quoted | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [payment, setPayment] = useState<Payment | null>(null);
  const confirming = useRef(false);
  const quote = useQuotePayment(organizationId);
  const create = useCreatePayment(organizationId);
  const methodsLabel = useId();
  const currency = lines[0]!.invoice.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const over = lines.filter((l) => l.amount > l.invoice.openBalance || l.amount <= 0);

  const review = async (e: FormEvent) => {
    e.preventDefault();
    if (!methodId) return setInputError('Choose a payment method.');
    if (later && !date) return setInputError('Choose the payment date.');
    setInputError(null);
    const body: CreatePayment = {
      paymentMethodId: methodId,
      allocations: lines.map((l) => ({ invoiceId: l.invoice.id, amount: l.amount })),
      ...(later ? { scheduledFor: date } : {}),
    };
    try {
      const q = await quote.mutateAsync(body);
      // one key per confirmation: its retries replay, a changed payment is a new request
      setQuoted({ body, quote: q, idempotencyKey: newIdempotencyKey() });
      setConfirmError(null);
    } catch (err) {
      setInputError(problemMessage(err));
    }
  };

  const confirm = () => {
    if (!quoted || confirming.current) return;
    confirming.current = true;
    setConfirmError(null);
    create.mutate(
      { idempotencyKey: quoted.idempotencyKey, body: quoted.body },
      {
        onSettled: () => {
          confirming.current = false;
        },
        onSuccess: setPayment,
        onError: (err) => {
          if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            // the request itself must change: back to the choices, saying why
            setInputError(`The payment was not made: ${err.detail}`);
            setQuoted(null);
          } else {
            // network, 409 in flight, 5xx: confirming again replays the same Idempotency-Key
            setConfirmError(isApiError(err) ? problemMessage(err) : CONNECTION_ERROR);
          }
        },
      },
    );
  };

  if (payment)
    return (
      <PayResult
        payment={payment}
        onTryAgain={() => {
          setPayment(null);
          setQuoted(null);
        }}
      />
    );

  if (quoted) {
    const q = quoted.quote;
    const method = methods.find((m) => m.id === quoted.body.paymentMethodId);
    return (
      <section className="ui-card portal-pay" aria-labelledby="pay-summary-heading">
        <div className="ui-card__body">
          <h2 id="pay-summary-heading" className="portal-section-title">
            Confirm your payment
          </h2>
          {confirmError && (
            <div className="ui-alert ui-alert--error" role="alert">
              {confirmError} Confirming again retries the same payment; it is never charged twice.
            </div>
          )}
          <ul className="portal-list portal-list--inset" aria-label="Invoices to pay">
            {q.allocations.map((a) => (
              <li key={a.invoiceId} className="portal-row">
                <span className="portal-row__main">
                  <span className="portal-row__title">Invoice {a.invoiceNumber}</span>
                  <span className="portal-row__meta">Open balance {money(a.openBalance)}</span>
                </span>
                <span className="portal-row__amount">{money(a.amount)}</span>
              </li>
            ))}
          </ul>
          <dl className="portal-totals" aria-label="Payment totals">
            <div>
              <dt>Payment amount</dt>
              <dd data-testid="quote-amount">{money(q.amount)}</dd>
            </div>
            <div>
              <dt>Convenience fee</dt>
              <dd data-testid="quote-fee">{money(q.fee)}</dd>
            </div>
            <div className="portal-totals__total">
              <dt>Total to be charged</dt>
              <dd data-testid="quote-total">{money(q.total)}</dd>
            </div>
          </dl>
          <dl className="portal-details">
            <div>
              <dt>Payment method</dt>
              <dd>{method ? `${methodName(method)} · ${methodDescription(method)}` : '—'}</dd>
            </div>
            <div>
              <dt>When</dt>
              <dd>{quoted.body.scheduledFor ? formatDate(quoted.body.scheduledFor) : 'Now'}</dd>
            </div>
          </dl>
          {q.adjustments.length > 0 && (
            <div className="ui-alert ui-alert--warning" role="status">
              <p className="portal-alert-title">So that no invoice is paid twice:</p>
              <ul aria-label="Adjustments">
                {q.adjustments.map((a) => (
                  <li key={a.paymentId}>
                    Scheduled payment {a.paymentNumber}
                    {a.scheduledFor ? ` on ${formatDate(a.scheduledFor)}` : ''}
                    {a.cancelled || a.toAmount === 0
                      ? ' will be cancelled.'
                      : ` will be reduced from ${money(a.fromAmount)} to ${money(a.toAmount)}.`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="portal-actions">
            <Button onClick={() => setQuoted(null)} disabled={create.isPending}>
              Back
            </Button>
            <Button variant="primary" loading={create.isPending} onClick={confirm}>
              {quoted.body.scheduledFor ? 'Confirm scheduled payment' : `Pay ${money(q.total)}`}
            </Button>
          </div>
        </div>
      </section>
    );
  }

  return (
    <form className="ui-card portal-pay" onSubmit={review} aria-label="Payment details" noValidate>
      <div className="ui-card__body">
        {missing > 0 && (
          <div className="ui-alert ui-alert--warning" role="status">
            {missing === 1
              ? '1 selected invoice is no longer open and was left out.'
              : `${missing} selected invoices are no longer open and were left out.`}
          </div>
        )}
        {inputError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {inputError}
          </div>
        )}
        <h2 className="portal-section-title">Invoices</h2>
        <ul className="portal-list portal-list--inset" aria-label="Selected invoices">
          {lines.map((l) => (
            <li key={l.invoice.id} className="portal-row">
              <span className="portal-row__main">
                <span className="portal-row__title">Invoice {l.invoice.number}</span>
                <span className="portal-row__meta">
                  Due {formatDate(l.invoice.dueDate)} · open balance {money(l.invoice.openBalance)}
                </span>
              </span>
              <span className="portal-row__amount">{money(l.amount)}</span>
            </li>
          ))}
        </ul>
        {over.length > 0 && (
          <div className="ui-alert ui-alert--error" role="alert">
            {over.map((l) => `Invoice ${l.invoice.number}`).join(', ')}: the amount must be more
            than zero and at most the open balance. Change the amounts to continue.
          </div>
        )}
        <p>
          <Link
            to={`${paths.app.invoices.getHref()}?${new URLSearchParams(lines.map((l) => ['pay', `${l.invoice.id}:${l.amount}`])).toString()}`}
          >
            Change invoices or amounts
          </Link>
        </p>

        <h2 className="portal-section-title" id={methodsLabel}>
          Pay with
        </h2>
        {methods.length === 0 ? (
          <p className="ui-muted">
            There is no saved payment method yet. Ask your provider&apos;s billing team to add one.
          </p>
        ) : (
          <>
            {usable.length === 0 && (
              <p className="portal-text-danger">
                None of the saved methods can be used: they are expired or locked. Ask your
                provider&apos;s billing team to add one.
              </p>
            )}
            <div role="radiogroup" aria-labelledby={methodsLabel} className="portal-methods">
              {methods.map((m) => {
                const active = m.status === 'active';
                return (
                  <label key={m.id} className="portal-method" data-disabled={!active || undefined}>
                    <input
                      type="radio"
                      name="paymentMethodId"
                      value={m.id}
                      checked={methodId === m.id}
                      disabled={!active}
                      onChange={() => setMethodId(m.id)}
                    />
                    <span className="portal-row__main">
                      <span className="portal-row__title">
                        {methodName(m)}
                        {m.isDefault ? ' (default)' : ''}
                      </span>
                      <span className="portal-row__meta">
                        {methodDescription(m)}
                        {active ? '' : m.status === 'expired' ? ' · expired' : ' · locked'}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
          </>
        )}

        <h2 className="portal-section-title">When</h2>
        <div className="ui-checkbox">
          <input
            id="pay-later"
            type="checkbox"
            checked={later}
            onChange={(e) => setLater(e.target.checked)}
          />
          <label htmlFor="pay-later">Pay on a later date</label>
        </div>
        {later && (
          <div className="ui-field">
            <label className="ui-field__label" htmlFor="pay-date">
              Payment date
            </label>
            <input
              id="pay-date"
              className="ui-input"
              type="date"
              min={localToday()}
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
        )}

        <div className="portal-actions">
          <Link className="ui-button ui-button--secondary" to={paths.app.invoices.getHref()}>
            Cancel
          </Link>
          <Button
            type="submit"
            variant="primary"
            loading={quote.isPending}
            disabled={usable.length === 0 || over.length > 0}
          >
            Review payment
          </Button>
        </div>
      </div>
    </form>
  );
}
