import { Button, Dialog, useToast } from '@settle/ui';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { Form, FormTextAreaField, SubmitButton } from '@/components/form';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  unlockPaymentMethodInputSchema,
  useUnlockPaymentMethod,
} from '../api/unlock-payment-method';

type LockedMethod = Pick<
  PaymentMethodDto,
  | 'id'
  | 'organizationId'
  | 'friendlyName'
  | 'type'
  | 'brand'
  | 'last4'
  | 'expMonth'
  | 'expYear'
  | 'lockedReason'
  | 'consecutiveFailures'
>;

/** Unlocking lets a method be charged again: staff must say why (the reason is audited). */
export function UnlockPaymentMethodDialog({
  method,
  onClose,
}: {
  method: LockedMethod | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={!!method} title="Unlock payment method" onClose={onClose}>
      {method && <UnlockForm key={method.id} method={method} onClose={onClose} />}
    </Dialog>
  );
}

function UnlockForm({ method, onClose }: { method: LockedMethod; onClose: () => void }) {
  const toast = useToast();
  const form = useProblemForm({
    schema: unlockPaymentMethodInputSchema,
    defaultValues: { reason: '' },
  });
  const unlock = useUnlockPaymentMethod({
    mutationConfig: {
      onSuccess: (m) => {
        toast.show({
          title: 'Payment method unlocked',
          message: `${m.friendlyName} can be charged again.`,
        });
        onClose();
      },
    },
  });

  return (
    <Form
      form={form}
      onSubmit={({ reason }) =>
        unlock.mutateAsync({ organizationId: method.organizationId, id: method.id, reason })
      }
      aria-label="Unlock payment method"
    >
      <p>
        <strong>{methodName(method)}</strong>{' '}
        <span className="ui-muted">{methodDescription(method)}</span>
      </p>
      <p className="ui-muted">
        Locked{method.lockedReason ? `: ${method.lockedReason}` : ''}
        {method.consecutiveFailures > 0
          ? ` (${method.consecutiveFailures} failed ${method.consecutiveFailures === 1 ? 'attempt' : 'attempts'})`
          : ''}
        . Unlock only once the customer has fixed the cause, or the next charge may fail again.
      </p>
      <FormTextAreaField
        control={form.control}
        name="reason"
        label="Reason"
        maxLength={500}
        hint="Required, and recorded in the audit log."
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton>Unlock</SubmitButton>
      </div>
    </Form>
  );
}
