import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  Dialog,
  TextAreaField,
  TextField,
  currencyFractionDigits,
  formatMoney,
  useToast,
} from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { methodName } from '@/components/payment-methods/payment-method-label';
import { newIdempotencyKey } from '@/lib/idempotency-key';
import { minorToInput, parseMoneyInput } from '@/lib/money-input';

import { useRefundPayment } from '../api/refund-payment';
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

/** Two steps: enter the amount, then confirm it (money moves only after the second click). */
function RefundForm({ payment, onClose }: { payment: PaymentDto; onClose: () => void }) {
  const toast = useToast();
  const digits = currencyFractionDigits(payment.currency);
  const refundable = payment.amount - payment.amountRefunded;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [amountText, setAmountText] = useState(minorToInput(refundable, digits));
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [clientError, setClientError] = useState<string | undefined>();
  const money = (minor: number) => formatMoney(minor, payment.currency);
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
        // a refused amount goes back to the amount step
        if (fieldErrors(err).amount) setAmount(null);
      },
    },
  });
  const serverErrors = fieldErrors(refund.error);
  const formError =
    refund.error && !serverErrors.amount
      ? isApiError(refund.error)
        ? refund.error.detail
        : 'Could not refund the payment.'
      : null;

  const review = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseMoneyInput(amountText, digits);
    if (!parsed.ok) return setClientError(parsed.error);
    if (parsed.minor <= 0) return setClientError('Enter an amount greater than zero');
    if (parsed.minor > refundable)
      return setClientError(`Cannot be more than the refundable ${money(refundable)}`);
    setClientError(undefined);
    refund.reset();
    setAmount(parsed.minor);
  };

  const confirm = () => {
    if (amount === null || refund.isPending) return;
    refund.mutate({
      paymentId: payment.id,
      organizationId: payment.organizationId,
      idempotencyKey,
      amount,
      reason: reason.trim() || undefined,
    });
  };

  if (amount !== null) {
    return (
      <div>
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <div className="ui-alert ui-alert--warning" role="status">
          Refund <strong>{money(amount)}</strong> of payment {payment.number} to{' '}
          {methodName(payment.paymentMethod)} (•••• {payment.paymentMethod.last4})?
          {payment.fee > 0 && ' The convenience fee’s share is refunded too.'} The invoices’ open
          balances rise by {money(amount)}. A refund cannot be undone.
        </div>
        <div className="app-form-actions">
          <Button onClick={() => setAmount(null)} disabled={refund.isPending}>
            Back
          </Button>
          <Button variant="danger" loading={refund.isPending} onClick={confirm}>
            Refund {money(amount)}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={review} noValidate aria-label="Refund payment">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
      <TextField
        label="Refund amount"
        inputMode="decimal"
        autoComplete="off"
        value={amountText}
        onChange={(e) => setAmountText(e.target.value)}
        error={clientError ?? serverErrors.amount}
        hint={`Up to ${money(refundable)} can be refunded.`}
      />
      <TextAreaField
        label="Reason"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        hint="Optional: shown on the payment's timeline."
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary">
          Review refund
        </Button>
      </div>
    </form>
  );
}
