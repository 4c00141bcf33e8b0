import { Button, Dialog, SelectField, TextField, useToast } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { newIdempotencyKey } from '@/lib/idempotency-key';
import { problemMessage } from '@/lib/problem';

import { useAddPaymentMethod } from '../api/manage-methods';

/**
 * The sandbox gateway's test methods (design.md, "The sandbox gateway's test payment methods").
 * The portal cannot read the gateway settings (GET /payment-gateway is staff-only), so it
 * offers these tokens; under Stripe the API refuses them and the dialog shows its answer.
 */
const SANDBOX_METHODS = [
  { value: 'pm_card_visa', label: 'Visa (succeeds)' },
  { value: 'pm_card_chargeDeclined', label: 'Visa (declined)' },
  { value: 'pm_card_chargeDeclinedInsufficientFunds', label: 'Visa (insufficient funds)' },
  { value: 'pm_card_chargeDeclinedExpiredCard', label: 'Visa (expired card)' },
  { value: 'pm_card_chargeDeclinedProcessingError', label: 'Visa (processing error)' },
  { value: 'pm_usBankAccount_success', label: 'Bank account (settles)' },
  {
    value: 'pm_usBankAccount_insufficientFunds',
    label: 'Bank account (returned: insufficient funds)',
  },
  { value: 'pm_usBankAccount_accountClosed', label: 'Bank account (returned: account closed)' },
] as const;

export function AddPaymentMethodDialog({
  organizationId,
  open,
  onClose,
}: {
  organizationId: string;
  open: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const add = useAddPaymentMethod(organizationId);
  const [token, setToken] = useState<string>(SANDBOX_METHODS[0].value);
  const [friendlyName, setFriendlyName] = useState('');
  // one key per opening of the dialog: a retry after a lost answer replays the first
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const close = () => {
    add.reset();
    setToken(SANDBOX_METHODS[0].value);
    setFriendlyName('');
    setIdempotencyKey(newIdempotencyKey());
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = friendlyName.trim();
    add.mutate(
      { idempotencyKey, body: { token, ...(name ? { friendlyName: name } : {}) } },
      {
        onSuccess: () => {
          toast.show({ title: 'Payment method added', variant: 'success' });
          close();
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      title="Add a payment method"
      onClose={close}
      footer={
        <>
          <Button onClick={close} disabled={add.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="add-payment-method" loading={add.isPending}>
            Add method
          </Button>
        </>
      }
    >
      <form id="add-payment-method" onSubmit={submit} className="portal-form">
        <p className="ui-muted">
          Test mode: pick one of the sandbox gateway&apos;s test methods. No real card or bank
          account is stored.
        </p>
        <SelectField
          label="Test method"
          options={SANDBOX_METHODS}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <TextField
          label="Name (optional)"
          hint="What you call it, such as “Operating account”."
          maxLength={80}
          value={friendlyName}
          onChange={(e) => setFriendlyName(e.target.value)}
        />
        {add.isError && (
          <p role="alert" className="portal-text-danger">
            Could not add the method: {problemMessage(add.error)}
          </p>
        )}
      </form>
    </Dialog>
  );
}
