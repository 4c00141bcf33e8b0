import { Button, Dialog, useToast } from '@settle/ui';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  renamePaymentMethodInputSchema,
  useUpdatePaymentMethod,
} from '../api/update-payment-method';

export function RenamePaymentMethodDialog({
  method,
  onClose,
}: {
  method: PaymentMethodDto | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={!!method} title="Rename payment method" onClose={onClose}>
      {method && <RenameForm key={method.id} method={method} onClose={onClose} />}
    </Dialog>
  );
}

function RenameForm({ method, onClose }: { method: PaymentMethodDto; onClose: () => void }) {
  const toast = useToast();
  const form = useProblemForm({
    schema: renamePaymentMethodInputSchema,
    defaultValues: { friendlyName: method.friendlyName },
  });
  const update = useUpdatePaymentMethod({
    mutationConfig: {
      onSuccess: (m) => {
        toast.show({
          title: 'Payment method renamed',
          message: `It is now called ${m.friendlyName}.`,
        });
        onClose();
      },
    },
  });

  return (
    <Form
      form={form}
      onSubmit={(data) =>
        update.mutateAsync({ organizationId: method.organizationId, id: method.id, data })
      }
      aria-label="Rename payment method"
    >
      <FormTextField
        control={form.control}
        name="friendlyName"
        label="Friendly name"
        maxLength={100}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton>Save</SubmitButton>
      </div>
    </Form>
  );
}
