import { zodResolver } from '@hookform/resolvers/zod';
import { fieldErrors, isApiError } from '@settle/api-client';
import type { ConvenienceFeePolicy } from '@settle/domain';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  SelectField,
  TextField,
  currencyFractionDigits,
  formatDate,
  formatMoney,
} from '@settle/ui';
import { useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useInvoices } from '@/api/invoices/get-invoices';
import type { InvoiceResponseDto } from '@/api/invoices/types';
import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { methodName } from '@/components/payment-methods/payment-method-label';
import { PaymentMethodPicker } from '@/components/payment-methods/payment-method-picker';
import { todayIn } from '@/lib/calendar-date';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { minorToInput } from '@/lib/money-input';
import { useMsp } from '@/lib/msp-context';

import { useCreateInstallments } from '../api/create-installments';
import { useQuotePayment } from '../api/quote-payment';
import type { CreateInstallmentsDto, InstallmentsResponseDto, PaymentQuoteDto } from '../api/types';

import {
  INSTALLMENT_FIELDS,
  installmentsSchema,
  planInstallments,
  type InstallmentsFormValues,
  type PlannedInstallment,
} from './installments-schema';
import { openInvoicesParams } from './open-invoices';
import { PaymentStatusBadge } from './payment-status';
import { Stepper } from './stepper';

const STEPS = ['Plan', 'Review the schedule', 'Scheduled'] as const;

export interface InstallmentFees {
  /** The active convenience fee, or null when it is off. */
  policy: ConvenienceFeePolicy | null;
  /** The organization pays no fee. */
  waived: boolean;
}

/**
 * Split the selected open invoices into 2–24 scheduled payments, weekly or monthly: plan →
 * review the schedule it will create (nothing is booked before Confirm) → the payments made.
 */
export function InstallmentsFlow({
  organizationId,
  invoiceIds,
  fees,
}: {
  organizationId: string;
  invoiceIds: readonly string[];
  fees: InstallmentFees;
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
        title="Viewers cannot schedule payments"
        text="Ask an administrator or a billing user to set up the installments."
        action={back}
      />
    );
  }
  if (invoiceIds.length === 0) {
    return (
      <EmptyState
        title="No invoices selected"
        text="Select the invoices on the Open Invoices page, then choose Pay in installments."
        action={back}
      />
    );
  }
  if (invoices.isPending || methods.isPending) return <LoadingState label="Loading…" />;
  if (invoices.isError || methods.isError) {
    const error = invoices.error ?? methods.error;
    return (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the invoices.'}
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
    <InstallmentsForm
      organizationId={organizationId}
      invoices={selected}
      missing={invoiceIds.length - selected.length}
      methods={methods.data.data}
      fees={fees}
    />
  );
}

interface Reviewed {
  body: CreateInstallmentsDto;
  plan: PlannedInstallment[];
  quote: PaymentQuoteDto;
  idempotencyKey: string;
}

function InstallmentsForm({
  organizationId,
  invoices,
  missing,
  methods,
  fees,
}: {
  organizationId: string;
  invoices: InvoiceResponseDto[];
  missing: number;
  methods: PaymentMethodDto[];
  fees: InstallmentFees;
}) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const currency = invoices[0]!.currency;
  const digits = currencyFractionDigits(currency);
  const usable = methods.filter((m) => m.status === 'active');
  const fallbackMethod = usable.find((m) => m.isDefault) ?? usable[0];

  const schema = useMemo(
    () => installmentsSchema({ organizationId, invoices, today }),
    [organizationId, invoices, today],
  );
  const form = useForm<InstallmentsFormValues, unknown, CreateInstallmentsDto>({
    resolver: zodResolver(schema),
    defaultValues: {
      allocations: invoices.map((i) => ({
        invoiceId: i.id,
        amount: minorToInput(i.openBalance, digits),
      })),
      paymentMethodId: fallbackMethod?.id ?? '',
      count: '3',
      interval: 'month',
      firstDate: today,
    },
  });
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;

  const [step, setStep] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState<Reviewed | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [created, setCreated] = useState<InstallmentsResponseDto | null>(null);
  const submitting = useRef(false);

  const quote = useQuotePayment();
  const create = useCreateInstallments();

  /** Puts a problem's `errors[]` on the inputs they name; true when every one found an input. */
  const showProblem = (err: unknown): boolean => {
    let unmatched = 0;
    for (const [field, message] of Object.entries(fieldErrors(err))) {
      const amount = /^allocations\.(\d+)\.(amount|invoiceId)$/.exec(field);
      if (amount) setError(`allocations.${Number(amount[1])}.amount`, { message });
      else if ((INSTALLMENT_FIELDS as readonly string[]).includes(field))
        setError(field as (typeof INSTALLMENT_FIELDS)[number], { message });
      else unmatched++;
    }
    return unmatched === 0 && Object.keys(fieldErrors(err)).length > 0;
  };

  const review = handleSubmit((body) => {
    if (quote.isPending) return;
    setFormError(null);
    const method = methods.find((m) => m.id === body.paymentMethodId);
    if (!method) {
      setError('paymentMethodId', { message: 'Choose a payment method' });
      return;
    }
    // the whole plan, as the API guards it: dated on the first installment
    quote.mutate(
      {
        organizationId,
        paymentMethodId: body.paymentMethodId,
        allocations: body.allocations,
        scheduledFor: body.firstDate,
      },
      {
        onSuccess: (q) => {
          // a new key per review: its retries replay, an edited plan is a new request
          setReviewed({
            body,
            plan: planInstallments(body, method.type, fees.policy, fees.waived),
            quote: q,
            idempotencyKey: newIdempotencyKey(),
          });
          setConfirmError(null);
          setStep(1);
        },
        onError: (err) => {
          const placed = showProblem(err);
          if (!placed)
            setFormError(isApiError(err) ? err.detail : 'Could not check the installments.');
        },
      },
    );
  });

  const confirm = () => {
    if (!reviewed || submitting.current) return;
    submitting.current = true;
    setConfirmError(null);
    create.mutate(
      { idempotencyKey: reviewed.idempotencyKey, data: reviewed.body },
      {
        onSettled: () => {
          submitting.current = false;
        },
        onSuccess: (plan) => {
          setCreated(plan);
          setStep(2);
        },
        onError: (err) => {
          const detail = isApiError(err) ? err.detail : 'Could not schedule the installments.';
          if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            // the plan itself must change: back to the inputs, errors on them
            showProblem(err);
            setFormError(`The installments were not scheduled: ${detail}`);
            setReviewed(null);
            setStep(0);
          } else {
            // network, 409 in flight, 5xx: confirming again replays the same Idempotency-Key
            setConfirmError(detail);
          }
        },
      },
    );
  };

  return (
    <Card title="Pay in installments">
      <Stepper steps={STEPS} current={step} />
      {step === 0 && (
        <form onSubmit={review} noValidate aria-label="Installment plan">
          {formError && (
            <div className="ui-alert ui-alert--error" role="alert">
              {formError}
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
          <div className="ui-table-wrap">
            <table className="ui-table app-pay-table" aria-label="Invoices to split">
              <thead>
                <tr>
                  <th scope="col">Invoice #</th>
                  <th scope="col">Due date</th>
                  <th scope="col" className="app-num">
                    Open balance
                  </th>
                  <th scope="col" className="app-num">
                    Amount to split
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((inv, index) => (
                  <tr key={inv.id}>
                    <td>{inv.number}</td>
                    <td>{formatDate(inv.dueDate, timeZone)}</td>
                    <td className="app-num">{formatMoney(inv.openBalance, inv.currency)}</td>
                    <td className="app-num">
                      <TextField
                        label={`Amount for ${inv.number}`}
                        className="app-amount-field"
                        inputMode="decimal"
                        autoComplete="off"
                        error={errors.allocations?.[index]?.amount?.message}
                        {...register(`allocations.${index}.amount`)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <div className="app-pay-section">
            {methods.length ? (
              <Controller
                control={control}
                name="paymentMethodId"
                render={({ field, fieldState }) => (
                  <PaymentMethodPicker
                    methods={methods}
                    value={field.value}
                    onChange={field.onChange}
                    error={fieldState.error?.message}
                  />
                )}
              />
            ) : (
              <p className="ui-muted">
                This organization has no stored payment method yet.{' '}
                <Link to={paths.app.organization.section(organizationId, 'payment-methods')}>
                  Add one
                </Link>
                , then come back.
              </p>
            )}
          </div>

          <div className="app-pay-section app-form-grid">
            <TextField
              label="Number of installments"
              type="number"
              min={2}
              max={24}
              inputMode="numeric"
              error={errors.count?.message}
              hint="2 to 24. Cents left over go to the first installments."
              {...register('count')}
            />
            <SelectField
              label="Every"
              options={[
                { value: 'week', label: 'Week' },
                { value: 'month', label: 'Month' },
              ]}
              error={errors.interval?.message}
              {...register('interval')}
            />
            <TextField
              label="First installment on"
              type="date"
              className="app-date-field"
              min={today}
              error={errors.firstDate?.message}
              hint="Each installment is charged on its date (your time zone)."
              {...register('firstDate')}
            />
          </div>

          <div className="app-form-actions">
            <Link
              className="ui-button ui-button--secondary"
              to={paths.app.organization.section(organizationId, 'open-invoices')}
            >
              Cancel
            </Link>
            <Button type="submit" variant="primary" loading={quote.isPending}>
              Review the schedule
            </Button>
          </div>
        </form>
      )}

      {step === 1 && reviewed && (
        <Review
          reviewed={reviewed}
          invoices={invoices}
          method={methods.find((m) => m.id === reviewed.body.paymentMethodId)}
          error={confirmError}
          pending={create.isPending}
          onBack={() => {
            setReviewed(null);
            setStep(0);
          }}
          onConfirm={confirm}
        />
      )}

      {step === 2 && created && <Created plan={created} organizationId={organizationId} />}
    </Card>
  );
}

function Review({
  reviewed,
  invoices,
  method,
  error,
  pending,
  onBack,
  onConfirm,
}: {
  reviewed: Reviewed;
  invoices: InvoiceResponseDto[];
  method: PaymentMethodDto | undefined;
  error: string | null;
  pending: boolean;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const { plan, quote, body } = reviewed;
  const money = (minor: number) => formatMoney(minor, quote.currency);
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));
  const sum = (pick: (p: PlannedInstallment) => number) => plan.reduce((s, p) => s + pick(p), 0);
  return (
    <section aria-label="Schedule to create">
      {error && (
        <div className="ui-alert ui-alert--error" role="alert">
          {error} Nothing was booked twice: confirming again retries the same plan.
        </div>
      )}
      <p>
        {plan.length} payments, one every {body.interval}, charged to{' '}
        <strong>{method ? methodName(method) : 'the chosen method'}</strong>. Nothing is scheduled
        until you confirm.
        {plan[0]?.scheduledFor === today &&
          ' The first installment is charged today, as soon as you confirm.'}
      </p>
      <div className="ui-table-wrap">
        <table className="ui-table" aria-label="Installment schedule">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Date</th>
              <th scope="col">Invoices</th>
              <th scope="col" className="app-num">
                Amount
              </th>
              <th scope="col" className="app-num">
                Fee
              </th>
              <th scope="col" className="app-num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.map((p) => (
              <tr key={p.number}>
                <td>{p.number}</td>
                <td>{formatDate(p.scheduledFor, timeZone)}</td>
                <td>
                  {p.allocations
                    .map((a) => `${numbers.get(a.invoiceId) ?? a.invoiceId} ${money(a.amount)}`)
                    .join(', ')}
                </td>
                <td className="app-num">{money(p.amount)}</td>
                <td className="app-num">{money(p.fee)}</td>
                <td className="app-num">{money(p.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="app-num" data-testid="plan-amount">
                {money(sum((p) => p.amount))}
              </td>
              <td className="app-num" data-testid="plan-fee">
                {money(sum((p) => p.fee))}
              </td>
              <td className="app-num" data-testid="plan-total">
                <strong>{money(sum((p) => p.total))}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
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
          Confirm {plan.length} installments
        </Button>
      </div>
    </section>
  );
}

function Created({
  plan,
  organizationId,
}: {
  plan: InstallmentsResponseDto;
  organizationId: string;
}) {
  const { timeZone } = useMsp();
  return (
    <section aria-labelledby="installments-created-heading" className="app-confirmation">
      <h2 id="installments-created-heading">Installments scheduled</h2>
      <p>
        {plan.payments.length} scheduled payments were created. Each is charged on its date and can
        be rescheduled or cancelled from its page until then.
      </p>
      <div className="ui-table-wrap">
        <table className="ui-table" aria-label="Scheduled installments">
          <thead>
            <tr>
              <th scope="col">Payment</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col" className="app-num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.payments.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={paths.app.payment.getHref(p.id)}>{p.number}</Link>
                  {p.installment && (
                    <span className="ui-muted">
                      {' '}
                      ({p.installment.number} of {p.installment.count})
                    </span>
                  )}
                </td>
                <td>{formatDate(p.scheduledFor, timeZone)}</td>
                <td>
                  <PaymentStatusBadge status={p.status} />
                </td>
                <td className="app-num">{formatMoney(p.total, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="app-form-actions app-form-actions--start">
        <Link
          className="ui-button ui-button--primary"
          to={paths.app.organization.section(organizationId, 'scheduled-payments')}
        >
          Scheduled payments
        </Link>
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
