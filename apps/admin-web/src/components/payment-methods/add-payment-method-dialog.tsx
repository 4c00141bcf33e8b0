import { isApiError } from '@settle/api-client';
import { Button, Dialog, ErrorState, LoadingState, useToast } from '@settle/ui';
import { useState } from 'react';

import {
  paymentMethodInputSchema,
  useCreatePaymentMethod,
} from '@/api/payment-methods/create-payment-method';
import { usePaymentGateway } from '@/api/payment-methods/get-payment-gateway';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import {
  Form,
  FormCheckboxField,
  FormSelectField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';
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
  const form = useProblemForm({
    schema: paymentMethodInputSchema,
    defaultValues: { token: '', friendlyName: '', makeDefault: false },
  });
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

  const options = [
    { value: '', label: 'Choose a test method…' },
    ...gateway.data.testPaymentMethods.map((m) => ({ value: m.token, label: m.label })),
  ];

  return (
    <Form
      form={form}
      onSubmit={(data) => create.mutateAsync({ organizationId, idempotencyKey, data })}
      aria-label="Add payment method"
    >
      <p className="ui-muted app-note-text">
        Sandbox gateway: pick one of its test methods. No real card or account is charged.
      </p>
      <FormSelectField
        control={form.control}
        name="token"
        label="Test payment method"
        options={options}
      />
      <FormTextField
        control={form.control}
        name="friendlyName"
        label="Friendly name"
        maxLength={100}
        placeholder="e.g. Operating account"
        hint="Optional: how staff and the customer will recognise it."
      />
      <FormCheckboxField
        control={form.control}
        name="makeDefault"
        label="Make this the default payment method"
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton>Add payment method</SubmitButton>
      </div>
    </Form>
  );
}
