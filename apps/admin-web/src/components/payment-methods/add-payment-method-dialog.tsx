import { fieldErrors, isApiError } from '@settle/api-client';
import {
  Button,
  CheckboxField,
  Dialog,
  ErrorState,
  LoadingState,
  SelectField,
  TextField,
  useToast,
} from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { useCreatePaymentMethod } from '@/api/payment-methods/create-payment-method';
import { usePaymentGateway } from '@/api/payment-methods/get-payment-gateway';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { newIdempotencyKey } from '@/lib/idempotency-key';

/**
 * Adds a card or bank account. The sandbox gateway offers its test methods (no card numbers are
 * ever typed here); Stripe would need Stripe Elements, which this build cannot load.
 */
export function AddPaymentMethodDialog({
  open,
  organizationId,
  onClose,
  onAdded,
}: {
  open: boolean;
  organizationId: string;
  onClose: () => void;
  onAdded?: (method: PaymentMethodDto) => void;
}) {
  return (
    <Dialog open={open} title="Add payment method" onClose={onClose}>
      {/* mounted per opening: a fresh form and a fresh Idempotency-Key each time */}
      <AddPaymentMethodForm organizationId={organizationId} onClose={onClose} onAdded={onAdded} />
    </Dialog>
  );
}

function AddPaymentMethodForm({
  organizationId,
  onClose,
  onAdded,
}: {
  organizationId: string;
  onClose: () => void;
  onAdded?: (method: PaymentMethodDto) => void;
}) {
  const toast = useToast();
  const gateway = usePaymentGateway();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [token, setToken] = useState('');
  const [friendlyName, setFriendlyName] = useState('');
  const [makeDefault, setMakeDefault] = useState(false);
  const [clientError, setClientError] = useState<string | undefined>();
  const create = useCreatePaymentMethod({
    mutationConfig: {
      onSuccess: (method) => {
        toast.show({
          title: 'Payment method added',
          message: `${method.friendlyName} is ready to use.`,
        });
        onAdded?.(method);
        onClose();
      },
    },
  });

  if (gateway.isPending) return <LoadingState label="Loading the payment gateway…" />;
  if (gateway.isError) {
    return (
      <ErrorState
        message={
          isApiError(gateway.error) ? gateway.error.detail : 'Could not load the payment gateway.'
        }
        requestId={isApiError(gateway.error) ? gateway.error.requestId : null}
      />
    );
  }

  if (gateway.data.gateway !== 'sandbox') {
    return (
      <>
        <div className="ui-alert ui-alert--info" role="status">
          Card and bank account entry with Stripe Elements is not available in this build (it cannot
          load js.stripe.com). Ask the customer to add the method in the customer portal, or switch
          the gateway to the sandbox for testing.
        </div>
        <div className="app-form-actions">
          <Button onClick={onClose}>Close</Button>
        </div>
      </>
    );
  }

  const serverErrors = fieldErrors(create.error);
  const formError =
    create.error && !Object.keys(serverErrors).length
      ? isApiError(create.error)
        ? create.error.detail
        : 'Could not add the payment method.'
      : null;
  const options = [
    { value: '', label: 'Choose a test method…' },
    ...gateway.data.testPaymentMethods.map((m) => ({ value: m.token, label: m.label })),
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    if (!token) {
      setClientError('Choose a test payment method');
      return;
    }
    setClientError(undefined);
    create.mutate({
      organizationId,
      idempotencyKey,
      data: {
        token,
        ...(friendlyName.trim() ? { friendlyName: friendlyName.trim() } : {}),
        ...(makeDefault ? { makeDefault: true } : {}),
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add payment method">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
      <p className="ui-muted app-note-text">
        Sandbox gateway: pick one of its test methods. No real card or account is charged.
      </p>
      <SelectField
        label="Test payment method"
        name="token"
        value={token}
        options={options}
        onChange={(e) => setToken(e.target.value)}
        error={clientError ?? serverErrors.token}
      />
      <TextField
        label="Friendly name"
        name="friendlyName"
        value={friendlyName}
        maxLength={100}
        placeholder="e.g. Operating account"
        onChange={(e) => setFriendlyName(e.target.value)}
        error={serverErrors.friendlyName}
        hint="Optional: how staff and the customer will recognise it."
      />
      <CheckboxField
        label="Make this the default payment method"
        checked={makeDefault}
        onChange={(e) => setMakeDefault(e.target.checked)}
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={create.isPending}>
          Add payment method
        </Button>
      </div>
    </form>
  );
}
