import { Button, Dialog, formatDate, formatMoney, useToast } from '@settle/ui';

import { Form, FormTextAreaField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
import { useMsp } from '@/lib/msp-context';

import { cancelPaymentInputSchema, useCancelPayment } from '../api/cancel-payment';
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
  const form = useProblemForm({ schema: cancelPaymentInputSchema, defaultValues: { reason: '' } });
  const cancel = useCancelPayment({
    mutationConfig: {
      onSuccess: (p) => {
        toast.show({ title: 'Payment cancelled', message: `${p.number} will not be charged.` });
        onClose();
      },
    },
  });
  return (
    <Form
      form={form}
      onSubmit={({ reason }) => cancel.mutateAsync({ id: payment.id, reason })}
      aria-label="Cancel payment"
    >
      <p>
        {formatMoney(payment.total, payment.currency)} scheduled for{' '}
        {formatDate(payment.scheduledFor, timeZone)} will not be charged, and the invoices stay
        open.
      </p>
      <FormTextAreaField
        control={form.control}
        name="reason"
        label="Reason"
        maxLength={500}
        hint="Optional: shown on the payment's timeline."
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Keep payment
        </Button>
        <SubmitButton variant="danger">Cancel payment</SubmitButton>
      </div>
    </Form>
  );
}
