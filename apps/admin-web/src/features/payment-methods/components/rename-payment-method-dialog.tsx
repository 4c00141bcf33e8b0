import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import type { PaymentMethodDto } from '@/api/payment-methods/types';

import { useUpdatePaymentMethod } from '../api/update-payment-method';

export function RenamePaymentMethodDialog({
  method,
  onClose,
}: {
  method: PaymentMethodDto | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={!!method} title="Rename payment method" onClose={onClose}>
      {method && <RenameForm method={method} onClose={onClose} />}
    </Dialog>
  );
}

function RenameForm({ method, onClose }: { method: PaymentMethodDto; onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState(method.friendlyName);
  const [clientError, setClientError] = useState<string | undefined>();
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
  const serverErrors = fieldErrors(update.error);
  const formError =
    update.error && !serverErrors.friendlyName
      ? isApiError(update.error)
        ? update.error.detail
        : 'Could not rename the payment method.'
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (update.isPending) return;
    if (!name.trim()) {
      setClientError('Enter a name');
      return;
    }
    setClientError(undefined);
    update.mutate({
      organizationId: method.organizationId,
      id: method.id,
      data: { friendlyName: name.trim() },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Rename payment method">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
      <TextField
        label="Friendly name"
        name="friendlyName"
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        error={clientError ?? serverErrors.friendlyName}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={update.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}
