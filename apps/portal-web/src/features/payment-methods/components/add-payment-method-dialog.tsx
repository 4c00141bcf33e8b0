import { isApiError } from '@settle/api-client';
import {
  Button,
  Dialog,
  ErrorState,
  LoadingState,
  SelectField,
  TextField,
  useToast,
} from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { newIdempotencyKey } from '@/lib/idempotency-key';
import { problemMessage } from '@/lib/problem';

import { useCardSetup } from '../api/card-setup';
import { useAddPaymentMethod } from '../api/manage-methods';

import { StripeCardForm } from './stripe-card-form';

/**
 * The sandbox gateway's test methods (design.md, "The sandbox gateway's test payment methods"),
 * offered when the gateway has no hosted card fields (the API answers the card setup with 409).
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

const TITLE = 'Add a payment method';

/**
 * Adds a method. It first asks the API to start a card setup: under Stripe that gives Stripe's
 * hosted card fields (Stripe.js loads only then); a 409 means the sandbox, whose test methods
 * are offered in a list. Each opening is a fresh setup and one Idempotency-Key.
 */
export function AddPaymentMethodDialog({
  organizationId,
  open,
  onClose,
}: {
  organizationId: string;
  open: boolean;
  onClose: () => void;
}) {
  return open ? <AddPaymentMethod organizationId={organizationId} onClose={onClose} /> : null;
}

function AddPaymentMethod({
  organizationId,
  onClose,
}: {
  organizationId: string;
  onClose: () => void;
}) {
  const toast = useToast();
  // one key per opening: a retry after a lost answer replays the first
  const [idempotencyKey] = useState(newIdempotencyKey);
  const setup = useCardSetup(organizationId, idempotencyKey);
  const added = () => {
    toast.show({ title: 'Payment method added', variant: 'success' });
    onClose();
  };

  if (setup.isSuccess)
    return (
      <StripeCardForm
        title={TITLE}
        organizationId={organizationId}
        setup={setup.data}
        idempotencyKey={idempotencyKey}
        onAdded={added}
        onClose={onClose}
      />
    );
  if (setup.isError && isApiError(setup.error) && setup.error.status === 409)
    return (
      <SandboxMethodForm
        organizationId={organizationId}
        idempotencyKey={idempotencyKey}
        onAdded={added}
        onClose={onClose}
      />
    );
  return (
    <Dialog open title={TITLE} onClose={onClose} footer={<Button onClick={onClose}>Cancel</Button>}>
      {setup.isError ? (
        <ErrorState
          title="Could not start adding a method"
          message={problemMessage(setup.error)}
          action={<Button onClick={() => void setup.refetch()}>Try again</Button>}
        />
      ) : (
        <LoadingState label="Preparing the form…" />
      )}
    </Dialog>
  );
}

function SandboxMethodForm({
  organizationId,
  idempotencyKey,
  onAdded,
  onClose,
}: {
  organizationId: string;
  idempotencyKey: string;
  onAdded: () => void;
  onClose: () => void;
}) {
  const add = useAddPaymentMethod(organizationId);
  const [token, setToken] = useState<string>(SANDBOX_METHODS[0].value);
  const [friendlyName, setFriendlyName] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = friendlyName.trim();
    add.mutate(
      { idempotencyKey, body: { token, ...(name ? { friendlyName: name } : {}) } },
      { onSuccess: onAdded },
    );
  };

  return (
    <Dialog
      open
      title={TITLE}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={add.isPending}>
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
