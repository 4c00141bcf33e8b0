import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  currencyFractionDigits,
  Dialog,
  formatMoney,
  minorToInput,
  useToast,
} from '@settle/ui';
import { useState } from 'react';
import type { z } from 'zod';

import { Form, FormMoneyField, FormTextAreaField, SubmitButton } from '@/components/form';
import { methodName } from '@/components/payment-methods/payment-method-label';
import { CONNECTION_ERROR, useProblemForm } from '@/lib/forms/use-problem-form';
import { newIdempotencyKey } from '@/lib/idempotency-key';

import { refundInputSchema, useRefundPayment } from '../api/refund-payment';
import type { PaymentDto } from '../api/types';

export function RefundPaymentDialog({
  payment,
  open,
  onClose,
}: {
  payment: PaymentDto;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={`Refund payment ${payment.number}`} onClose={onClose}>
      {/* mounted per opening: a fresh Idempotency-Key each time the dialog opens */}
      <RefundForm payment={payment} onClose={onClose} />
    </Dialog>
  );
}

type RefundInput = z.output<ReturnType<typeof refundInputSchema>>;

/** Two steps: enter the amount, then confirm it (money moves only after the second click). */
function RefundForm({ payment, onClose }: { payment: PaymentDto; onClose: () => void }) {
  const toast = useToast();
  const digits = currencyFractionDigits(payment.currency);
  const refundable = payment.amount - payment.amountRefunded;
  const [idempotencyKey] = useState(newIdempotencyKey);
  // the checked amount and reason, once "Review refund" accepted them
  const [review, setReview] = useState<RefundInput | null>(null);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const form = useProblemForm({
    schema: refundInputSchema(payment.currency, refundable),
    defaultValues: { amount: minorToInput(refundable, digits), reason: '' },
  });
  const refund = useRefundPayment({
    mutationConfig: {
      onSuccess: (r) => {
        toast.show({
          title: r.status === 'failed' ? 'Refund failed' : 'Refund issued',
          message:
            r.status === 'failed'
              ? (r.failureMessage ?? undefined)
              : `${money(r.amount + r.fee)} goes back to the customer.`,
          variant: r.status === 'failed' ? 'error' : 'success',
        });
        onClose();
      },
      onError: (err) => {
        // a refused amount goes back to the amount step, the message under the field
        if (fieldErrors(err).amount) {
          setReview(null);
          form.applyProblem(err);
        }
      },
    },
  });

  if (review) {
    const amountRefused = !!fieldErrors(refund.error).amount;
    return (
      <div>
        {refund.error && !amountRefused && (
          <div className="ui-alert ui-alert--error" role="alert">
            {isApiError(refund.error) ? refund.error.detail : CONNECTION_ERROR}
          </div>
        )}
        <div className="ui-alert ui-alert--warning" role="status">
          Refund <strong>{money(review.amount)}</strong> of payment {payment.number} to{' '}
          {methodName(payment.paymentMethod)} (•••• {payment.paymentMethod.last4})?
          {payment.fee > 0 && ' The convenience fee’s share is refunded too.'} The invoices’ open
          balances rise by {money(review.amount)}. A refund cannot be undone.
        </div>
        <div className="app-form-actions">
          <Button onClick={() => setReview(null)} disabled={refund.isPending}>
            Back
          </Button>
          <Button
            variant="danger"
            loading={refund.isPending}
            onClick={() =>
              refund.mutate({
                paymentId: payment.id,
                organizationId: payment.organizationId,
                idempotencyKey,
                ...review,
              })
            }
          >
            Refund {money(review.amount)}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <Form
      form={form}
      onSubmit={(values) => {
        refund.reset();
        setReview(values);
      }}
      aria-label="Refund payment"
    >
      <FormMoneyField
        control={form.control}
        name="amount"
        label="Refund amount"
        currency={payment.currency}
        hint={`Up to ${money(refundable)} can be refunded.`}
      />
      <FormTextAreaField
        control={form.control}
        name="reason"
        label="Reason"
        maxLength={500}
        hint="Optional: shown on the payment's timeline."
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>Review refund</SubmitButton>
      </div>
    </Form>
  );
}
