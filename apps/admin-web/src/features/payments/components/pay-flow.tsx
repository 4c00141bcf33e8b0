import { isApiError } from '@settle/api-client';
import {
  Card,
  currencyFractionDigits,
  EmptyState,
  ErrorState,
  LoadingState,
  minorToInput,
} from '@settle/ui';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { FieldPath } from 'react-hook-form';
import { Link } from 'react-router';

import type { InvoiceResponseDto } from '@/api/invoices/types';
import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { Form, SubmitButton } from '@/components/form';
import { AddPaymentMethodDialog } from '@/components/payment-methods/add-payment-method-dialog';
import { paths } from '@/config/paths';
import { todayIn } from '@/lib/calendar-date';
import { CONNECTION_ERROR, useProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { useMsp } from '@/lib/msp-context';

import { payInputSchema, useCreatePayment, type PayFormValues } from '../api/create-payment';
import { useInvoicesToPay } from '../api/get-invoices-to-pay';
import { useQuotePayment } from '../api/quote-payment';
import type { CreatePaymentDto, PaymentDto, PaymentQuoteDto } from '../api/types';

import { PayConfirmation } from './pay-confirmation';
import { PayInvoicesTable } from './pay-invoices-table';
import { PayDateSection, PayMethodSection, PayReceiptSection } from './pay-method-and-date';
import { PaySummary } from './pay-summary';
import { Stepper } from './stepper';

const STEPS = ['Payment details', 'Summary', 'Confirmation'] as const;

/**
 * Where the API's error paths show on the details step. Allocations are sent in the invoices'
 * order, so `allocations.N` is the N-th invoice's amount.
 */
function payField(apiField: string): FieldPath<PayFormValues> | null {
  const allocation = /^allocations\.(\d+)\.(amount|invoiceId)$/.exec(apiField);
  if (allocation) return `allocations.${Number(allocation[1])}.amount`;
  if (apiField === 'paymentMethodId') return 'methodId';
  if (apiField === 'scheduledFor') return 'date';
  if (apiField.startsWith('receiptRecipients')) return 'recipientDraft';
  return null;
}

/**
 * The pay flow (seed 001): payment details → summary with the quote → confirmation.
 * `receipt` shows, on the confirmation, the emails the payment led to (composed by the route:
 * they belong to emails).
 */
export function PayFlow({
  organizationId,
  invoiceIds,
  receipt,
}: {
  organizationId: string;
  invoiceIds: readonly string[];
  receipt?: (payment: PaymentDto) => ReactNode;
}) {
  const { user } = useMsp();
  const canPay = user.role !== 'viewer' && invoiceIds.length > 0;
  const toPay = useInvoicesToPay({
    organizationId,
    invoiceIds,
    queryConfig: { enabled: canPay },
  });
  const methods = usePaymentMethods({ organizationId });
  // the invoices as the flow opened: paying them (which refetches the list) must not end the flow
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
  if (toPay.isError || methods.isError) {
    const error = toPay.error ?? methods.error;
    return (
      <ErrorState
        message={isApiError(error) ? error.detail : 'Could not load the invoices to pay.'}
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
    <PayForm
      organizationId={organizationId}
      invoices={invoices}
      missing={invoiceIds.length - invoices.length}
      methods={methods.data.data}
      receipt={receipt}
    />
  );
}

type Quoted = { body: CreatePaymentDto; quote: PaymentQuoteDto; idempotencyKey: string };

/** The steps and the money: the details form quotes, the summary confirms, the result shows. */
function PayForm({
  organizationId,
  invoices,
  missing,
  methods,
  receipt,
}: {
  organizationId: string;
  invoices: InvoiceResponseDto[];
  missing: number;
  methods: PaymentMethodDto[];
  receipt?: (payment: PaymentDto) => ReactNode;
}) {
  const { timeZone } = useMsp();
  const today = todayIn(timeZone);
  const schema = useMemo(
    () => payInputSchema({ organizationId, invoices, today }),
    [organizationId, invoices, today],
  );
  const usable = methods.filter((m) => m.status === 'active');
  const form = useProblemForm({
    schema,
    fieldFor: payField,
    defaultValues: {
      allocations: invoices.map((inv) => ({
        invoiceId: inv.id,
        amount: minorToInput(inv.openBalance, currencyFractionDigits(inv.currency)),
      })),
      methodId: (usable.find((m) => m.isDefault) ?? usable[0])?.id ?? '',
      schedule: false,
      date: '',
      recipients: [],
      recipientDraft: '',
    },
  });
  const [step, setStep] = useState(0);
  const [adding, setAdding] = useState(false);
  const [quoted, setQuoted] = useState<Quoted | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [payment, setPayment] = useState<PaymentDto | null>(null);
  const confirming = useRef(false);
  const quote = useQuotePayment();
  const create = useCreatePayment();

  /** Details → summary: the quote is asked with exactly the body the payment will be. */
  const toSummary = async (body: CreatePaymentDto) => {
    const q = await quote.mutateAsync(body);
    // an address still in the recipient box was sent: it joins the list
    form.setValue('recipients', body.receiptRecipients ?? []);
    form.setValue('recipientDraft', '');
    // a new key per summary: its retries replay, an edited payment is a new request
    setQuoted({ body, quote: q, idempotencyKey: newIdempotencyKey() });
    setConfirmError(null);
    setStep(1);
  };

  const confirm = () => {
    if (!quoted || confirming.current) return;
    confirming.current = true;
    setConfirmError(null);
    create.mutate(
      { idempotencyKey: quoted.idempotencyKey, data: quoted.body },
      {
        onSettled: () => {
          confirming.current = false;
        },
        onSuccess: (p) => {
          setPayment(p);
          setStep(2);
        },
        onError: (err) => {
          const detail = isApiError(err) ? err.detail : CONNECTION_ERROR;
          if (isApiError(err) && (err.status === 400 || err.status === 422)) {
            // the request itself must change: back to the inputs, errors on them
            form.applyProblem(err);
            form.setFormError(`The payment was not made: ${detail}`);
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

  return (
    <Card title="Make a payment">
      <Stepper steps={STEPS} current={step} />
      {step === 0 && (
        <>
          <Form form={form} onSubmit={toSummary} aria-label="Payment details">
            {missing > 0 && (
              <div className="ui-alert ui-alert--warning" role="status">
                {missing === 1
                  ? '1 selected invoice is no longer open and was left out.'
                  : `${missing} selected invoices are no longer open and were left out.`}
              </div>
            )}
            <PayInvoicesTable invoices={invoices} />
            <PayMethodSection methods={methods} onAddMethod={() => setAdding(true)} />
            <PayDateSection today={today} />
            <PayReceiptSection />
            <div className="app-form-actions">
              <Link
                className="ui-button ui-button--secondary"
                to={paths.app.organization.section(organizationId, 'open-invoices')}
              >
                Cancel
              </Link>
              <SubmitButton>Next</SubmitButton>
            </div>
          </Form>
          {/* outside the pay form: the dialog has a form of its own */}
          <AddPaymentMethodDialog
            open={adding}
            organizationId={organizationId}
            onClose={() => setAdding(false)}
            onAdded={(m) => {
              if (m.status !== 'active') return;
              form.setValue('methodId', m.id);
              form.clearErrors('methodId');
            }}
          />
        </>
      )}

      {step === 1 && quoted && (
        <PaySummary
          quote={quoted.quote}
          body={quoted.body}
          method={methods.find((m) => m.id === quoted.body.paymentMethodId)}
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
        <PayConfirmation
          payment={payment}
          organizationId={organizationId}
          receipt={receipt?.(payment)}
          onTryAgain={() => {
            setPayment(null);
            setQuoted(null);
            setStep(0);
          }}
        />
      )}
    </Card>
  );
}
