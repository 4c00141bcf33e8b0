import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, Dialog, TextAreaField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';

import { useUnlockPaymentMethod } from '../api/unlock-payment-method';

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
      {method && <UnlockForm method={method} onClose={onClose} />}
    </Dialog>
  );
}

function UnlockForm({ method, onClose }: { method: LockedMethod; onClose: () => void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
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
  const serverErrors = fieldErrors(unlock.error);
  const formError =
    unlock.error && !serverErrors.reason
      ? isApiError(unlock.error)
        ? unlock.error.detail
        : 'Could not unlock the payment method.'
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (unlock.isPending) return;
    if (!reason.trim()) {
      setClientError('Enter why it is safe to charge this method again');
      return;
    }
    setClientError(undefined);
    unlock.mutate({ organizationId: method.organizationId, id: method.id, reason: reason.trim() });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Unlock payment method">
      {formError && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formError}
        </div>
      )}
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
      <TextAreaField
        label="Reason"
        name="reason"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
        error={clientError ?? serverErrors.reason}
        hint="Required, and recorded in the audit log."
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={unlock.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={unlock.isPending}>
          Unlock
        </Button>
      </div>
    </form>
  );
}
