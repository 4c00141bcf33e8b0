import { Button, Dialog, formatDate, useToast } from '@settle/ui';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { todayIn } from '@/lib/calendar-date';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import { reschedulePaymentInputSchema, useReschedulePayment } from '../api/reschedule-payment';
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
  const form = useProblemForm({
    schema: reschedulePaymentInputSchema(today),
    defaultValues: { scheduledFor: payment.scheduledFor ?? today },
  });
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

  return (
    <Form
      form={form}
      onSubmit={({ scheduledFor }) => reschedule.mutateAsync({ id: payment.id, scheduledFor })}
      aria-label="Reschedule payment"
    >
      <FormTextField
        control={form.control}
        name="scheduledFor"
        label="New payment date"
        type="date"
        min={today}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton>Reschedule</SubmitButton>
      </div>
    </Form>
  );
}
