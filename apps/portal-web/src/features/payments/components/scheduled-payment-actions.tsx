import { Button, Card, Dialog, TextField, formatDate, formatMoney, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { problemMessage } from '@/lib/problem';

import { useCancelPayment, useReschedulePayment } from '../api/payments';
import type { Payment } from '../api/types';

/** YYYY-MM-DD of the device's calendar day, `days` from today; the API checks the MSP's. */
function isoDay(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A scheduled payment can be moved to another day (today up to a year ahead) or cancelled. */
export function ScheduledPaymentActions({
  organizationId,
  payment,
}: {
  organizationId: string;
  payment: Payment;
}) {
  const toast = useToast();
  const reschedule = useReschedulePayment(organizationId, payment.id);
  const cancel = useCancelPayment(organizationId, payment.id);
  const [dialog, setDialog] = useState<'reschedule' | 'cancel' | null>(null);
  const [date, setDate] = useState(payment.scheduledFor ?? isoDay());
  const [reason, setReason] = useState('');
  const min = isoDay();
  const max = isoDay(366);
  const total = formatMoney(payment.total, payment.currency);

  const close = () => {
    reschedule.reset();
    cancel.reset();
    setDialog(null);
  };

  const dateError =
    date && (date < min || date > max)
      ? `Pick a day from ${formatDate(min)} to ${formatDate(max)}.`
      : undefined;

  const submitReschedule = (e: FormEvent) => {
    e.preventDefault();
    if (!date || dateError) return;
    reschedule.mutate(date, {
      onSuccess: (p) => {
        toast.show({
          title: `Payment moved to ${formatDate(p.scheduledFor ?? date)}`,
          variant: 'success',
        });
        close();
      },
    });
  };

  const confirmCancel = () =>
    cancel.mutate(reason.trim(), {
      onSuccess: () => {
        toast.show({ title: 'Payment cancelled. Nothing was charged.', variant: 'success' });
        setReason('');
        close();
      },
    });

  return (
    <Card title="Scheduled payment">
      <p className="portal-card-text">
        You can move this payment to another day or cancel it until it runs.
      </p>
      <div className="portal-actions portal-actions--start">
        <Button onClick={() => setDialog('reschedule')}>Change date</Button>
        <Button variant="danger" onClick={() => setDialog('cancel')}>
          Cancel payment
        </Button>
      </div>

      <Dialog
        open={dialog === 'reschedule'}
        title="Change the payment date"
        onClose={close}
        footer={
          <>
            <Button onClick={close} disabled={reschedule.isPending}>
              Keep the date
            </Button>
            <Button
              variant="primary"
              type="submit"
              form="reschedule-payment"
              loading={reschedule.isPending}
              disabled={!date || !!dateError}
            >
              Move payment
            </Button>
          </>
        }
      >
        <form id="reschedule-payment" className="portal-form" onSubmit={submitReschedule}>
          <p>
            {total} is now scheduled for {formatDate(payment.scheduledFor)}.
          </p>
          <TextField
            label="New date"
            type="date"
            required
            min={min}
            max={max}
            value={date}
            error={dateError}
            onChange={(e) => setDate(e.target.value)}
          />
          {reschedule.isError && (
            <p role="alert" className="portal-text-danger">
              The date was not changed: {problemMessage(reschedule.error)}
            </p>
          )}
        </form>
      </Dialog>

      <Dialog
        open={dialog === 'cancel'}
        title="Cancel this payment?"
        onClose={close}
        footer={
          <>
            <Button onClick={close} disabled={cancel.isPending}>
              Keep payment
            </Button>
            <Button variant="danger" onClick={confirmCancel} loading={cancel.isPending}>
              Cancel payment
            </Button>
          </>
        }
      >
        <div className="portal-form">
          <p>
            {total} will not be charged on {formatDate(payment.scheduledFor)}, and the invoices stay
            open.
          </p>
          <TextField
            label="Reason (optional)"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {cancel.isError && (
            <p role="alert" className="portal-text-danger">
              The payment was not cancelled: {problemMessage(cancel.error)}
            </p>
          )}
        </div>
      </Dialog>
    </Card>
  );
}
