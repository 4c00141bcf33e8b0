import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  Chip,
  EmptyState,
  ErrorState,
  LoadingState,
  TextField,
  currencyFractionDigits,
  formatDate,
  formatMoney,
} from '@settle/ui';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoiceResponseDto } from '@/api/invoices/types';
import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { AddPaymentMethodDialog } from '@/components/payment-methods/add-payment-method-dialog';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';
import { PaymentMethodPicker } from '@/components/payment-methods/payment-method-picker';
import { paths } from '@/config/paths';
import { isCalendarDate, todayIn } from '@/lib/calendar-date';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { minorToInput, parseMoneyInput } from '@/lib/money-input';
import { useMsp } from '@/lib/msp-context';

import { useCreatePayment } from '../api/create-payment';
import { useQuotePayment } from '../api/quote-payment';
import type { CreatePaymentDto, PaymentDto, PaymentQuoteDto } from '../api/types';

import { openInvoicesParams } from './open-invoices';
import { PaymentStatusBadge } from './payment-status';
import { Stepper } from './stepper';

const STEPS = ['Payment details', 'Summary', 'Confirmation'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Errors = Record<string, string>;
const amountKey = (invoiceId: string) => `amount:${invoiceId}`;

/**
 * Maps a problem's `errors[]` to the inputs of the details step: `allocations.N.*` to the amount of
 * the N-th invoice sent, and the method, date and recipients fields to theirs.
 */
function errorsFromProblem(err: unknown, invoiceIds: readonly string[]): Errors {
  const out: Errors = {};
  for (const [field, message] of Object.entries(fieldErrors(err))) {
    const m = /^allocations\.(\d+)\.(amount|invoiceId)$/.exec(field);
    const invoiceId = m ? invoiceIds[Number(m[1])] : undefined;
    if (invoiceId) out[amountKey(invoiceId)] ??= message;
    else if (field === 'paymentMethodId') out.method ??= message;
    else if (field === 'scheduledFor') out.date ??= message;
    else if (field.startsWith('receiptRecipients')) out.recipients ??= message;
    else out.form = out.form ? `${out.form}; ${field} ${message}` : `${field} ${message}`;
  }
  return out;
}

/** The pay flow (seed 001): payment details → summary with the quote → confirmation. */
export function PayFlow({
  organizationId,
  invoiceIds,
}: {
  organizationId: string;
  invoiceIds: readonly string[];
}) {
  const { user } = useMsp();
  const invoices = useInvoices({ params: openInvoicesParams(organizationId) });
  const methods = usePaymentMethods({ organizationId });
  const back = (
    <Link to={paths.app.organization.section(organizationId, 'open-invoices')}>
      Back to open invoices
    </Link>
  );

  if (user.role === 'viewer') {
    return (
      <EmptyState
        title="Viewers cannot take payments"
        text="Ask an administrator or a billing user to make this payment."
        action={back}
      />
    );
  }
  if (invoiceIds.length === 0) {
    return (
      <EmptyState
        title="No invoices selected"
        text="Select the invoices to pay on the Open Invoices page, then choose Pay selected."
        action={back}
      />
    );
  }
  if (invoices.isPending || methods.isPending) return <LoadingState label="Loading…" />;
  if (invoices.isError || methods.isError) {
    const error = invoices.error ?? methods.error;
    return (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the invoices to pay.'}
        requestId={isApiError(error) ? error.requestId : null}
        action={back}
      />
    );
  }
  const byId = new Map(invoices.data.data.map((i) => [i.id, i]));
  const selected = invoiceIds.map((id) => byId.get(id)).filter((i): i is InvoiceResponseDto => !!i);
  if (selected.length === 0) {
    return (
      <EmptyState
        title="Nothing left to pay"
        text="The selected invoices are no longer open (paid, voided, or fully covered by a payment in progress)."
        action={back}
      />
    );
  }
  return (
    <PayForm
      organizationId={organizationId}
      invoices={selected}
      missing={invoiceIds.length - selected.length}
      methods={methods.data.data}
    />
  );
}

function PayForm({
  organizationId,
  invoices,
  missing,
  methods,
}: {
  organizationId: string;
  invoices: InvoiceResponseDto[];
  missing: number;
  methods: PaymentMethodDto[];
}) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const currency = invoices[0]!.currency;
  const digits = currencyFractionDigits(currency);

  const [step, setStep] = useState(0);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [methodId, setMethodId] = useState('');
  const [adding, setAdding] = useState(false);
  const [schedule, setSchedule] = useState(false);
  const [date, setDate] = useState('');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [recipientDraft, setRecipientDraft] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [quoted, setQuoted] = useState<{
    body: CreatePaymentDto;
    quote: PaymentQuoteDto;
    idempotencyKey: string;
  } | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [payment, setPayment] = useState<PaymentDto | null>(null);
  const submitting = useRef(false);

  const usable = methods.filter((m) => m.status === 'active');
  const fallbackMethod = usable.find((m) => m.isDefault) ?? usable[0];
  const selectedMethodId =
    methodId && methods.some((m) => m.id === methodId) ? methodId : (fallbackMethod?.id ?? '');
  const selectedMethod = methods.find((m) => m.id === selectedMethodId);
  const amountText = (i: InvoiceResponseDto) =>
    amounts[i.id] ?? minorToInput(i.openBalance, digits);

  const quote = useQuotePayment();
  const create = useCreatePayment();

  /** Checks the inputs and builds the body; null (with errors shown) when something is wrong. */
  const buildBody = (): CreatePaymentDto | null => {
    const next: Errors = {};
    const allocations = invoices.map((inv) => {
      const parsed = parseMoneyInput(amountText(inv), digits);
      if (!parsed.ok) next[amountKey(inv.id)] = parsed.error;
      else if (parsed.minor <= 0) next[amountKey(inv.id)] = 'Enter an amount greater than zero';
      else if (parsed.minor > inv.openBalance)
        next[amountKey(inv.id)] =
          `Cannot be more than the open balance of ${formatMoney(inv.openBalance, inv.currency)}`;
      return { invoiceId: inv.id, amount: parsed.ok ? parsed.minor : 0 };
    });
    if (!selectedMethodId) next.method = 'Choose a payment method, or add one';
    if (schedule) {
      if (!date || !isCalendarDate(date)) next.date = 'Choose the payment date';
      else if (date < today) next.date = 'Choose today or a later date';
    }
    const extra = [...recipients];
    const draft = recipientDraft.trim();
    if (draft) {
      if (!EMAIL.test(draft)) next.recipients = 'Enter an email address, or clear the field';
      else if (!extra.includes(draft)) extra.push(draft);
    }
    setErrors(next);
    if (Object.keys(next).length) return null;
    if (draft) {
      setRecipients(extra);
      setRecipientDraft('');
    }
    return {
      organizationId,
      paymentMethodId: selectedMethodId,
      allocations,
      ...(schedule ? { scheduledFor: date } : {}),
      ...(extra.length ? { receiptRecipients: extra } : {}),
    };
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    if (quote.isPending) return;
    const body = buildBody();
    if (!body) return;
    quote.mutate(body, {
      onSuccess: (q) => {
        // a new key per Summary: its retries replay, an edited payment is a new request
        setQuoted({ body, quote: q, idempotencyKey: newIdempotencyKey() });
        setConfirmError(null);
        setStep(1);
      },
      onError: (err) =>
        setErrors({
          ...errorsFromProblem(
            err,
            invoices.map((i) => i.id),
          ),
          form: isApiError(err) ? err.detail : 'Could not prepare the payment.',
        }),
    });
  };

  const confirm = () => {
    if (!quoted || submitting.current) return;
    submitting.current = true;
    setConfirmError(null);
    create.mutate(
      { idempotencyKey: quoted.idempotencyKey, data: quoted.body },
      {
        onSettled: () => {
          submitting.current = false;
        },
        onSuccess: (p) => {
          setPayment(p);
          setStep(2);
        },
        onError: (err) => {
          const detail = isApiError(err) ? err.detail : 'Could not make the payment.';
          if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            // the request itself must change: back to the inputs, errors on them
            setErrors({
              ...errorsFromProblem(
                err,
                quoted.body.allocations.map((a) => a.invoiceId),
              ),
              form: `The payment was not made: ${detail}`,
            });
            setQuoted(null);
            setStep(0);
          } else {
            // network, 409 in flight, 5xx: confirming again replays the same Idempotency-Key
            setConfirmError(detail);
          }
        },
      },
    );
  };

  const addRecipient = () => {
    const email = recipientDraft.trim();
    if (!EMAIL.test(email)) {
      setErrors((e) => ({ ...e, recipients: 'Enter an email address' }));
      return;
    }
    setRecipients((r) => (r.includes(email) ? r : [...r, email]));
    setRecipientDraft('');
    setErrors(({ recipients: _r, ...e }) => e);
  };

  return (
    <Card title="Make a payment">
      <Stepper steps={STEPS} current={step} />
      {step === 0 && (
        <form onSubmit={next} noValidate aria-label="Payment details">
          {errors.form && (
            <div className="ui-alert ui-alert--error" role="alert">
              {errors.form}
            </div>
          )}
          {missing > 0 && (
            <div className="ui-alert ui-alert--warning" role="status">
              {missing === 1
                ? '1 selected invoice is no longer open and was left out.'
                : `${missing} selected invoices are no longer open and were left out.`}
            </div>
          )}
          <h3 className="app-subheading">Invoices</h3>
          <table className="ui-table app-pay-table" aria-label="Invoices to pay">
            <thead>
              <tr>
                <th scope="col">Invoice #</th>
                <th scope="col">Due date</th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  Open balance
                </th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  Amount to pay
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((inv) => (
                <tr key={inv.id}>
                  <td>
                    {inv.number}
                    {inv.pastDue && (
                      <>
                        {' '}
                        <span className="ui-badge ui-badge--danger">Past due</span>
                      </>
                    )}
                  </td>
                  <td>{formatDate(inv.dueDate, timeZone)}</td>
                  <td style={{ textAlign: 'right' }}>
                    {formatMoney(inv.openBalance, inv.currency)}
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <TextField
                      label={`Amount for ${inv.number}`}
                      className="app-amount-field"
                      inputMode="decimal"
                      autoComplete="off"
                      value={amountText(inv)}
                      onChange={(e) => {
                        const value = e.target.value;
                        setAmounts((a) => ({ ...a, [inv.id]: value }));
                      }}
                      error={errors[amountKey(inv.id)]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <div className="app-pay-section">
            {methods.length ? (
              <PaymentMethodPicker
                methods={methods}
                value={selectedMethodId}
                onChange={(id) => {
                  setMethodId(id);
                  setErrors(({ method: _m, ...e }) => e);
                }}
                error={errors.method}
              />
            ) : (
              <>
                <p className="ui-field__label">Payment method</p>
                <p className="ui-muted">This organization has no stored payment method yet.</p>
                {errors.method && (
                  <p className="ui-field__error" role="alert">
                    {errors.method}
                  </p>
                )}
              </>
            )}
            <Button size="sm" onClick={() => setAdding(true)}>
              Add payment method
            </Button>
          </div>

          <div className="app-pay-section">
            <div className="app-switch">
              <input
                id="schedule-payment"
                type="checkbox"
                role="switch"
                checked={schedule}
                onChange={(e) => {
                  setSchedule(e.target.checked);
                  if (e.target.checked && !date) setDate(today);
                }}
              />
              <label htmlFor="schedule-payment">Schedule payment</label>
            </div>
            {schedule ? (
              <TextField
                label="Payment date"
                type="date"
                className="app-date-field"
                min={today}
                value={date}
                onChange={(e) => setDate(e.target.value)}
                error={errors.date}
                hint="The payment method is charged on this date (your time zone)."
              />
            ) : (
              <p className="ui-muted app-note-text">
                The payment is made now.
                {errors.date && <span className="ui-field__error"> {errors.date}</span>}
              </p>
            )}
          </div>

          <div className="app-pay-section">
            <p className="ui-field__label">Receipt</p>
            <p className="ui-muted app-note-text">
              A receipt is emailed to the organization's contacts whose access profile receives
              account emails. Add anyone else who needs a copy.
            </p>
            {recipients.length > 0 && (
              <ul className="app-chips app-recipients" aria-label="Extra receipt recipients">
                {recipients.map((r) => (
                  <li key={r}>
                    <Chip>
                      {r}
                      <button
                        type="button"
                        className="app-chip-remove"
                        aria-label={`Remove ${r}`}
                        onClick={() => setRecipients((all) => all.filter((x) => x !== r))}
                      >
                        ×
                      </button>
                    </Chip>
                  </li>
                ))}
              </ul>
            )}
            <div className="app-inline-add">
              <TextField
                label="Receipt recipient email"
                type="email"
                value={recipientDraft}
                onChange={(e) => setRecipientDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addRecipient();
                  }
                }}
                error={errors.recipients}
              />
              <Button size="sm" onClick={addRecipient}>
                Add recipient
              </Button>
            </div>
          </div>

          <div className="app-form-actions">
            <Link
              className="ui-button ui-button--secondary"
              to={paths.app.organization.section(organizationId, 'open-invoices')}
            >
              Cancel
            </Link>
            <Button type="submit" variant="primary" loading={quote.isPending}>
              Next
            </Button>
          </div>
          <AddPaymentMethodDialog
            open={adding}
            organizationId={organizationId}
            onClose={() => setAdding(false)}
            onAdded={(m) => {
              if (m.status === 'active') setMethodId(m.id);
              setErrors(({ method: _m, ...e }) => e);
            }}
          />
        </form>
      )}

      {step === 1 && quoted && (
        <Summary
          quote={quoted.quote}
          body={quoted.body}
          method={selectedMethod}
          error={confirmError}
          pending={create.isPending}
          onBack={() => {
            setQuoted(null);
            setStep(0);
          }}
          onConfirm={confirm}
        />
      )}

      {step === 2 && payment && (
        <Confirmation
          payment={payment}
          organizationId={organizationId}
          onTryAgain={() => {
            setPayment(null);
            setQuoted(null);
            setErrors({});
            setStep(0);
          }}
        />
      )}
    </Card>
  );
}

function Summary({
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

function Confirmation({
  payment,
  organizationId,
  onTryAgain,
}: {
  payment: PaymentDto;
  organizationId: string;
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
      {!failed && (
        <p className="ui-muted app-note-text">
          A receipt is emailed to the eligible contacts
          {payment.receiptRecipients.length
            ? ` and to ${payment.receiptRecipients.join(', ')}`
            : ''}
          .
        </p>
      )}
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
