import { isApiError } from '@settle/api-client';
import type { ConvenienceFeePolicy } from '@settle/domain';
import {
  Button,
  Card,
  currencyFractionDigits,
  EmptyState,
  ErrorState,
  formatDate,
  formatMoney,
  LoadingState,
  minorToInput,
  TableScroll,
} from '@settle/ui';
import { Fragment, useMemo, useRef, useState } from 'react';
import { useController, type FieldPath } from 'react-hook-form';
import { Link } from 'react-router';

import type { InvoiceResponseDto } from '@/api/invoices/types';
import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import {
  Form,
  FormMoneyField,
  FormSelectField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { methodName } from '@/components/payment-methods/payment-method-label';
import { PaymentMethodPicker } from '@/components/payment-methods/payment-method-picker';
import { paths } from '@/config/paths';
import { todayIn } from '@/lib/calendar-date';
import { CONNECTION_ERROR, useProblemForm, type ProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { useMsp } from '@/lib/msp-context';

import {
  installmentsInputSchema,
  useCreateInstallments,
  type InstallmentsFormValues,
} from '../api/create-installments';
import { useInvoicesToPay } from '../api/get-invoices-to-pay';
import { useQuotePayment } from '../api/quote-payment';
import type { CreateInstallmentsDto, InstallmentsResponseDto, PaymentQuoteDto } from '../api/types';

import { planInstallments, type PlannedInstallment } from './installment-plan';
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
  const canPay = user.role !== 'viewer' && invoiceIds.length > 0;
  const toPay = useInvoicesToPay({ organizationId, invoiceIds, queryConfig: { enabled: canPay } });
  const methods = usePaymentMethods({ organizationId });
  // the invoices as the flow opened: booking the plan (which refetches them) must not end it
  const [invoices, setInvoices] = useState<InvoiceResponseDto[] | null>(null);
  if (invoices === null && toPay.isSuccess) setInvoices(toPay.data);
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
  if (toPay.isError || methods.isError) {
    const error = toPay.error ?? methods.error;
    return (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the invoices.'}
        requestId={isApiError(error) ? error.requestId : null}
        action={back}
      />
    );
  }
  if (!invoices || methods.isPending) return <LoadingState label="Loading…" />;
  if (invoices.length === 0) {
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
      invoices={invoices}
      missing={invoiceIds.length - invoices.length}
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

/** Where the API's error paths show: `allocations.N.*` on the N-th amount, the rest by name. */
function installmentField(apiField: string): FieldPath<InstallmentsFormValues> | null {
  const allocation = /^allocations\.(\d+)\.(amount|invoiceId)$/.exec(apiField);
  if (allocation) return `allocations.${Number(allocation[1])}.amount`;
  if (['paymentMethodId', 'count', 'interval', 'firstDate'].includes(apiField))
    return apiField as FieldPath<InstallmentsFormValues>;
  return null;
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
  const usable = methods.filter((m) => m.status === 'active');
  const schema = useMemo(
    () => installmentsInputSchema({ organizationId, invoices, today }),
    [organizationId, invoices, today],
  );
  const form = useProblemForm<InstallmentsFormValues, CreateInstallmentsDto>({
    schema,
    fieldFor: installmentField,
    defaultValues: {
      allocations: invoices.map((i) => ({
        invoiceId: i.id,
        amount: minorToInput(i.openBalance, currencyFractionDigits(i.currency)),
      })),
      paymentMethodId: (usable.find((m) => m.isDefault) ?? usable[0])?.id ?? '',
      count: '3',
      interval: 'month',
      firstDate: today,
    },
  });

  const [step, setStep] = useState(0);
  const [reviewed, setReviewed] = useState<Reviewed | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [created, setCreated] = useState<InstallmentsResponseDto | null>(null);
  const confirming = useRef(false);

  const quote = useQuotePayment();
  const create = useCreateInstallments();

  /** Plan → review: the whole plan is quoted as the API guards it, dated on the first installment. */
  const toReview = async (body: CreateInstallmentsDto) => {
    const method = methods.find((m) => m.id === body.paymentMethodId);
    if (!method) {
      form.setError('paymentMethodId', { message: 'Choose a payment method' });
      return;
    }
    const q = await quote.mutateAsync({
      organizationId,
      paymentMethodId: body.paymentMethodId,
      allocations: body.allocations,
      scheduledFor: body.firstDate,
    });
    // a new key per review: its retries replay, an edited plan is a new request
    setReviewed({
      body,
      plan: planInstallments(body, method.type, fees.policy, fees.waived),
      quote: q,
      idempotencyKey: newIdempotencyKey(),
    });
    setConfirmError(null);
    setStep(1);
  };

  const confirm = () => {
    if (!reviewed || confirming.current) return;
    confirming.current = true;
    setConfirmError(null);
    create.mutate(
      { idempotencyKey: reviewed.idempotencyKey, data: reviewed.body },
      {
        onSettled: () => {
          confirming.current = false;
        },
        onSuccess: (plan) => {
          setCreated(plan);
          setStep(2);
        },
        onError: (err) => {
          const detail = isApiError(err) ? err.detail : CONNECTION_ERROR;
          if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            // the plan itself must change: back to the inputs, errors on them
            form.applyProblem(err);
            form.setFormError(`The installments were not scheduled: ${detail}`);
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
        <Form form={form} onSubmit={toReview} aria-label="Installment plan">
          {missing > 0 && (
            <div className="ui-alert ui-alert--warning" role="status">
              {missing === 1
                ? '1 selected invoice is no longer open and was left out.'
                : `${missing} selected invoices are no longer open and were left out.`}
            </div>
          )}
          <InvoicesToSplit form={form} invoices={invoices} />
          <MethodSection form={form} methods={methods} organizationId={organizationId} />
          <div className="app-pay-section app-form-grid">
            <FormTextField
              control={form.control}
              name="count"
              label="Number of installments"
              type="number"
              min={2}
              max={24}
              inputMode="numeric"
              hint="2 to 24. Cents left over go to the first installments."
            />
            <FormSelectField
              control={form.control}
              name="interval"
              label="Every"
              options={[
                { value: 'week', label: 'Week' },
                { value: 'month', label: 'Month' },
              ]}
            />
            <FormTextField
              control={form.control}
              name="firstDate"
              label="First installment on"
              type="date"
              className="app-date-field"
              min={today}
              hint="Each installment is charged on its date (your time zone)."
            />
          </div>
          <div className="app-form-actions">
            <Link
              className="ui-button ui-button--secondary"
              to={paths.app.organization.section(organizationId, 'open-invoices')}
            >
              Cancel
            </Link>
            <SubmitButton>Review the schedule</SubmitButton>
          </div>
        </Form>
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

type InstallmentsForm = ProblemForm<InstallmentsFormValues, CreateInstallmentsDto>;

function InvoicesToSplit({
  form,
  invoices,
}: {
  form: InstallmentsForm;
  invoices: readonly InvoiceResponseDto[];
}) {
  const { timeZone } = useMsp();
  return (
    <>
      <h3 className="app-subheading">Invoices</h3>
      <TableScroll label="Invoices to split">
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
                  <FormMoneyField
                    control={form.control}
                    name={`allocations.${index}.amount`}
                    label={`Amount for ${inv.number}`}
                    currency={inv.currency}
                    className="app-amount-field"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function MethodSection({
  form,
  methods,
  organizationId,
}: {
  form: InstallmentsForm;
  methods: readonly PaymentMethodDto[];
  organizationId: string;
}) {
  const { field, fieldState } = useController({ control: form.control, name: 'paymentMethodId' });
  return (
    <div className="app-pay-section">
      {methods.length ? (
        <PaymentMethodPicker
          methods={methods}
          value={field.value}
          onChange={field.onChange}
          error={fieldState.error?.message}
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
      <TableScroll label="Installment schedule">
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
                  {/* one invoice a line: the cell stays narrow on a phone */}
                  {p.allocations.map((a, i) => (
                    <Fragment key={a.invoiceId}>
                      {i > 0 && (
                        <>
                          {', '}
                          <br />
                        </>
                      )}
                      {`${numbers.get(a.invoiceId) ?? a.invoiceId} ${money(a.amount)}`}
                    </Fragment>
                  ))}
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
      </TableScroll>
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
      <TableScroll label="Scheduled installments">
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
      </TableScroll>
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
