import { isApiError } from '@settle/api-client';
import { ConfirmDialog, useToast } from '@settle/ui';
import { useState } from 'react';

import { MenuButton, type MenuItem } from '@/components/menu-button';
import { CONNECTION_ERROR } from '@/lib/forms/use-problem-form';

import { useAccountingSyncAction, type AccountingSyncAction } from '../api/accounting-sync-actions';
import type { PaymentDto, PaymentSummaryDto } from '../api/types';

type Payment = PaymentSummaryDto | PaymentDto;

const CONFIRM: Record<
  AccountingSyncAction,
  { title: string; label: string; danger?: boolean; message: (p: Payment) => string }
> = {
  retry: {
    title: 'Retry syncing',
    label: 'Retry',
    message: (p) =>
      `Send ${p.number} to accounting again now? Do this once the cause below is fixed, or it will fail the same way.`,
  },
  dismiss: {
    title: 'Dismiss syncing',
    label: 'Dismiss Syncing',
    danger: true,
    message: (p) =>
      `Stop sending ${p.number} to accounting for good? Do this only once the payment is recorded by hand in your accounting package, so the customer keeps the credit.`,
  },
  hide: {
    title: 'Hide from portal',
    label: 'Hide',
    message: (p) =>
      `Hide ${p.number} from ${p.organizationName}'s customer portal? It stays in Settle, and you can show it again.`,
  },
  unhide: {
    title: 'Show in portal',
    label: 'Show',
    message: (p) => `Show ${p.number} in ${p.organizationName}'s customer portal again?`,
  },
};

/** What really happened, from the payment the API answered with. */
function outcome(action: AccountingSyncAction, before: Payment, after: PaymentDto): string {
  const was = before.accountingSync.status;
  const now = after.accountingSync.status;
  switch (action) {
    case 'retry':
      return was === 'pending'
        ? `${after.number} was already waiting to sync.`
        : now === 'pending'
          ? `${after.number} is waiting to sync to accounting again.`
          : `${after.number} is ${now}.`;
    case 'dismiss':
      return was === 'dismissed'
        ? `Syncing of ${after.number} was already dismissed.`
        : `Settle no longer sends ${after.number} to accounting.`;
    case 'hide':
      return before.hiddenFromPortal
        ? `${after.number} was already hidden from the portal.`
        : `${after.number} is hidden from the customer portal.`;
    case 'unhide':
      return !before.hiddenFromPortal
        ? `${after.number} was already shown in the portal.`
        : `${after.number} is shown in the customer portal again.`;
  }
}

/**
 * A payment's accounting sync actions (seed 004): Retry and Dismiss Syncing while it fails (or
 * waits) to sync, and Hide from portal / Show in portal; each confirmed first, then a toast
 * says what happened, or why not.
 */
export function AccountingSyncMenu({ payment }: { payment: Payment }) {
  const toast = useToast();
  const [asking, setAsking] = useState<AccountingSyncAction | null>(null);
  const mutation = useAccountingSyncAction({
    mutationConfig: {
      onSuccess: (after, { action }) => {
        toast.show({ title: CONFIRM[action].title, message: outcome(action, payment, after) });
        setAsking(null);
      },
      onError: (error, { action }) => {
        toast.show({
          title: `${CONFIRM[action].title}: not done`,
          message: isApiError(error) ? error.detail : CONNECTION_ERROR,
          variant: 'error',
          duration: 0,
        });
        setAsking(null);
      },
    },
  });
  const status = payment.accountingSync.status;
  const items: MenuItem[] = [];
  if (status === 'failed') items.push({ label: 'Retry', onSelect: () => setAsking('retry') });
  if (status === 'failed' || status === 'pending')
    items.push({ label: 'Dismiss Syncing', onSelect: () => setAsking('dismiss') });
  items.push(
    payment.hiddenFromPortal
      ? { label: 'Show in portal', onSelect: () => setAsking('unhide') }
      : { label: 'Hide from portal', onSelect: () => setAsking('hide') },
  );
  const confirm = asking ? CONFIRM[asking] : null;
  return (
    <>
      <MenuButton label="⋯" accessibleLabel={`Actions for ${payment.number}`} items={items} />
      <ConfirmDialog
        open={!!asking}
        title={confirm?.title ?? ''}
        message={confirm && asking ? confirm.message(payment) : ''}
        confirmLabel={confirm?.label}
        danger={confirm?.danger}
        pending={mutation.isPending}
        onConfirm={() => asking && mutation.mutate({ action: asking, id: payment.id })}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}
