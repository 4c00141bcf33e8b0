import { isApiError } from '@settle/api-client';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, useToast } from '@settle/ui';
import { useState } from 'react';

import { usePaymentMethods, type PortalPaymentMethod } from '@/api/payment-methods';
import {
  PaymentMethodStatusBadge,
  methodDescription,
  methodName,
} from '@/components/payment-method-label';
import { problemMessage } from '@/lib/problem';

import { useRemovePaymentMethod, useUpdatePaymentMethod } from '../api/manage-methods';

import { AddPaymentMethodDialog } from './add-payment-method-dialog';

/** Why a removal failed, in words: a 409 means a payment still needs the method. */
function removeError(error: unknown): string {
  if (isApiError(error) && error.status === 409) {
    return `It is still used by a scheduled or processing payment, so it was kept. Cancel or move that payment first, or wait until it has gone through. (${error.detail})`;
  }
  return problemMessage(error);
}

/** The organization's saved methods; with manageMethods, add, make default and remove. */
export function PaymentMethodsList({
  organizationId,
  canManage,
}: {
  organizationId: string;
  canManage: boolean;
}) {
  const toast = useToast();
  const methods = usePaymentMethods({ organizationId });
  const update = useUpdatePaymentMethod(organizationId);
  const remove = useRemovePaymentMethod(organizationId);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PortalPaymentMethod | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const makeDefault = (m: PortalPaymentMethod) => {
    setProblem(null);
    update.mutate(
      { paymentMethodId: m.id, body: { isDefault: true } },
      {
        onSuccess: () =>
          toast.show({ title: `${methodName(m)} is now the default`, variant: 'success' }),
        onError: (error) =>
          setProblem(`Could not make ${methodName(m)} the default: ${problemMessage(error)}`),
      },
    );
  };

  const confirmRemove = () => {
    const m = removing;
    if (!m) return;
    setProblem(null);
    remove.mutate(m.id, {
      onSuccess: () => toast.show({ title: `${methodName(m)} was removed`, variant: 'success' }),
      onError: (error) => setProblem(`Could not remove ${methodName(m)}. ${removeError(error)}`),
      onSettled: () => setRemoving(null),
    });
  };

  const addButton = canManage && (
    <div className="portal-actions portal-actions--start">
      <Button variant="primary" onClick={() => setAdding(true)}>
        Add payment method
      </Button>
    </div>
  );
  const dialogs = canManage && (
    <>
      <AddPaymentMethodDialog
        organizationId={organizationId}
        open={adding}
        onClose={() => setAdding(false)}
      />
      <ConfirmDialog
        open={removing !== null}
        title="Remove payment method"
        message={
          removing &&
          `Remove ${methodName(removing)} (${methodDescription(removing)})? It can no longer be used to pay.`
        }
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      />
    </>
  );

  if (methods.isPending) return <LoadingState label="Loading payment methods…" />;
  if (methods.isError) {
    return (
      <ErrorState
        title="Could not load your payment methods"
        message={problemMessage(methods.error)}
      />
    );
  }
  if (methods.data.data.length === 0) {
    return (
      <>
        <EmptyState
          title="No saved payment methods"
          text={
            canManage
              ? 'Add a card or bank account to pay with.'
              : "Your provider's billing team can add a card or bank account for you."
          }
        />
        {addButton}
        {dialogs}
      </>
    );
  }
  return (
    <>
      {problem && (
        <p role="alert" className="ui-alert ui-alert--error">
          {problem}
        </p>
      )}
      <div className="ui-card">
        <ul className="portal-list" aria-label="Payment methods">
          {methods.data.data.map((m) => (
            <li key={m.id} className="portal-row portal-row--wrap">
              <span className="portal-row__main">
                <span className="portal-row__title">
                  {methodName(m)}
                  {m.isDefault && <span className="ui-badge portal-badge--info">Default</span>}
                  <PaymentMethodStatusBadge status={m.status} />
                </span>
                <span className="portal-row__meta">{methodDescription(m)}</span>
              </span>
              {canManage && (
                <span className="portal-row__buttons">
                  {!m.isDefault && m.status === 'active' && (
                    <Button
                      size="sm"
                      onClick={() => makeDefault(m)}
                      loading={update.isPending && update.variables?.paymentMethodId === m.id}
                      aria-label={`Make ${methodName(m)} the default`}
                    >
                      Make default
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => setRemoving(m)}
                    aria-label={`Remove ${methodName(m)}`}
                  >
                    Remove
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      {addButton}
      {dialogs}
    </>
  );
}
