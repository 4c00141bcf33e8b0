import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, TextField, formatDate, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { isCalendarDate, todayIn } from '@/lib/calendar-date';
import { useMsp } from '@/lib/msp-context';

import { useReschedulePayment } from '../api/reschedule-payment';
import type { PaymentDto } from '../api/types';

export function ReschedulePaymentDialog({
  payment,
  open,
  onClose,
}: {
  payment: PaymentDto;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} title={`Reschedule payment ${payment.number}`} onClose={onClose}>
      <RescheduleForm payment={payment} onClose={onClose} />
    </Dialog>
  );
}

function RescheduleForm({ payment, onClose }: { payment: PaymentDto; onClose: () => void }) {
  const { timeZone } = useMsp();
  const toast = useToast();
  const today = todayIn(timeZone);
  const [date, setDate] = useState(payment.scheduledFor ?? today);
  const [clientError, setClientError] = useState<string | undefined>();
  const reschedule = useReschedulePayment({
    mutationConfig: {
      onSuccess: (p) => {
        toast.show({
          title: 'Payment rescheduled',
          message: `${p.number} moved to ${formatDate(p.scheduledFor, timeZone)}.`,
        });
        onClose();
      },
    },
  });
  const serverErrors = fieldErrors(reschedule.error);
  const formError =
    reschedule.error && !serverErrors.scheduledFor
      ? isApiError(reschedule.error)
        ? reschedule.error.detail
        : 'Could not reschedule the payment.'
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reschedule.isPending) return;
    if (!isCalendarDate(date)) return setClientError('Choose a date');
    if (date < today) return setClientError('Choose today or a later date');
    setClientError(undefined);
    reschedule.mutate({ id: payment.id, scheduledFor: date });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reschedule payment">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
      <TextField
        label="New payment date"
        type="date"
        min={today}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={clientError ?? serverErrors.scheduledFor}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={reschedule.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={reschedule.isPending}>
          Reschedule
        </Button>
      </div>
    </form>
  );
}
