import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  ErrorState,
  formatDate,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import type { PaymentMethodDto } from '@/api/payment-methods/types';
import { AddPaymentMethodDialog } from '@/components/payment-methods/add-payment-method-dialog';
import {
  PaymentMethodStatusBadge,
  methodDescription,
  methodName,
} from '@/components/payment-methods/payment-method-label';
import { useMsp } from '@/lib/msp-context';

import { useDeletePaymentMethod } from '../api/delete-payment-method';
import { useUpdatePaymentMethod } from '../api/update-payment-method';

import { RenamePaymentMethodDialog } from './rename-payment-method-dialog';
import { UnlockPaymentMethodDialog } from './unlock-payment-method-dialog';

/** An organization's stored cards and bank accounts: add, make default, rename, unlock, remove. */
export function PaymentMethodsList({ organizationId }: { organizationId: string }) {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const toast = useToast();
  const methods = usePaymentMethods({ organizationId });
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<PaymentMethodDto | null>(null);
  const [unlocking, setUnlocking] = useState<PaymentMethodDto | null>(null);
  const [removing, setRemoving] = useState<PaymentMethodDto | null>(null);

  const onError = (title: string) => (err: Error) =>
    toast.show({ title, message: isApiError(err) ? err.detail : undefined, variant: 'error' });
  const update = useUpdatePaymentMethod({
    mutationConfig: {
      onSuccess: (m) =>
        toast.show({
          title: 'Default payment method changed',
          message: `${m.friendlyName} is now the default.`,
        }),
      onError: onError('Could not change the default'),
    },
  });
  const remove = useDeletePaymentMethod({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Payment method removed' });
        setRemoving(null);
      },
      onError: (err) => {
        setRemoving(null);
        onError('Could not remove the payment method')(err);
      },
    },
  });

  const columns: DataTableColumn<PaymentMethodDto>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (m) => (
        <>
          {methodName(m)}
          {m.isDefault && (
            <>
              {' '}
              <span className="ui-badge">Default</span>
            </>
          )}
        </>
      ),
    },
    { key: 'method', header: 'Method', render: (m) => methodDescription(m) },
    {
      key: 'status',
      header: 'Status',
      render: (m) => (
        <div className="app-method-status">
          <PaymentMethodStatusBadge status={m.status} />
          {m.status === 'locked' && (
            <span className="ui-muted app-note-text">
              {m.lockedReason ?? 'Locked after failed payments'}
              {m.consecutiveFailures > 0 && ` · ${m.consecutiveFailures} failed in a row`}
            </span>
          )}
        </div>
      ),
    },
    { key: 'createdAt', header: 'Added', render: (m) => formatDate(m.createdAt, timeZone) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            header: <span className="ui-visually-hidden">Actions</span>,
            align: 'right' as const,
            render: (m: PaymentMethodDto) => (
              <div className="app-row-actions">
                {!m.isDefault && m.status === 'active' && (
                  <Button
                    size="sm"
                    disabled={update.isPending}
                    onClick={() =>
                      update.mutate({ organizationId, id: m.id, data: { isDefault: true } })
                    }
                  >
                    Make default
                  </Button>
                )}
                <Button size="sm" onClick={() => setRenaming(m)}>
                  Rename
                </Button>
                {m.status === 'locked' && (
                  <Button size="sm" onClick={() => setUnlocking(m)}>
                    Unlock
                  </Button>
                )}
                <Button size="sm" variant="danger" onClick={() => setRemoving(m)}>
                  Remove
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Card
        title="Payment Methods"
        flush
        actions={
          canEdit && (
            <Button variant="primary" size="sm" onClick={() => setAdding(true)}>
              Add payment method
            </Button>
          )
        }
      >
        {methods.isError ? (
          <ErrorState
            message={
              isApiError(methods.error)
                ? methods.error.detail
                : 'Could not load the payment methods.'
            }
            requestId={isApiError(methods.error) ? methods.error.requestId : null}
            action={<Button onClick={() => void methods.refetch()}>Try again</Button>}
          />
        ) : (
          <DataTable
            label="Payment methods"
            columns={columns}
            rows={methods.data?.data ?? []}
            getRowId={(m) => m.id}
            loading={methods.isPending}
            emptyTitle="No payment methods"
            emptyText="Add a card or bank account to take payments for this organization."
          />
        )}
      </Card>
      <AddPaymentMethodDialog
        open={adding}
        organizationId={organizationId}
        onClose={() => setAdding(false)}
      />
      <RenamePaymentMethodDialog method={renaming} onClose={() => setRenaming(null)} />
      <UnlockPaymentMethodDialog method={unlocking} onClose={() => setUnlocking(null)} />
      <ConfirmDialog
        open={!!removing}
        title="Remove payment method"
        message={
          removing
            ? `${methodName(removing)} (${methodDescription(removing)}) will be removed from this organization. A method that scheduled or processing payments still use cannot be removed.`
            : ''
        }
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ organizationId, id: removing.id })}
      />
    </>
  );
}
