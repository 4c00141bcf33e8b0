import { isApiError } from '@settle/api-client';
import { Button, Dialog, TextAreaField, formatDate, formatMoney, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { useMsp } from '@/lib/msp-context';

import { useCancelPayment } from '../api/cancel-payment';
import type { PaymentDto } from '../api/types';

export function CancelPaymentDialog({
  payment,
  open,
  onClose,
}: {
  payment: PaymentDto;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={`Cancel payment ${payment.number}`} onClose={onClose}>
      <CancelForm payment={payment} onClose={onClose} />
    </Dialog>
  );
}

function CancelForm({ payment, onClose }: { payment: PaymentDto; onClose: () => void }) {
  const { timeZone } = useMsp();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const cancel = useCancelPayment({
    mutationConfig: {
      onSuccess: (p) => {
        toast.show({ title: 'Payment cancelled', message: `${p.number} will not be charged.` });
        onClose();
      },
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (cancel.isPending) return;
    cancel.mutate({ id: payment.id, reason: reason.trim() || undefined });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Cancel payment">
      {cancel.error && (
        <div className="ui-alert ui-alert--error" role="alert">
          {isApiError(cancel.error) ? cancel.error.detail : 'Could not cancel the payment.'}
        </div>
      )}
      <p>
        {formatMoney(payment.total, payment.currency)} scheduled for{' '}
        {formatDate(payment.scheduledFor, timeZone)} will not be charged, and the invoices stay
        open.
      </p>
      <TextAreaField
        label="Reason"
        name="reason"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        hint="Optional: shown on the payment's timeline."
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={cancel.isPending}>
          Keep payment
        </Button>
        <Button type="submit" variant="danger" loading={cancel.isPending}>
          Cancel payment
        </Button>
      </div>
    </form>
  );
}
