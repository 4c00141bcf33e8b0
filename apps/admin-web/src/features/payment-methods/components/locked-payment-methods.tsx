import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  DataTable,
  ErrorState,
  formatDateTime,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import type { AllPaymentMethodsParams } from '@/api/payment-methods/keys';
import type { LockedPaymentMethodDto } from '@/api/payment-methods/types';
import { methodDescription, methodName } from '@/components/payment-methods/payment-method-label';
import { SearchInput } from '@/components/search-input';
import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useAllPaymentMethods } from '../api/get-all-payment-methods';

import { UnlockPaymentMethodDialog } from './unlock-payment-method-dialog';

/** Locked methods across organizations (the Overview's "Locked payment methods" card). */
export function LockedPaymentMethods() {
  const { timeZone, user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const [params, setParams] = useState<AllPaymentMethodsParams>({
    status: 'locked',
    page: 1,
    pageSize: 25,
  });
  const [unlocking, setUnlocking] = useState<LockedPaymentMethodDto | null>(null);
  const methods = useAllPaymentMethods({ params });

  const columns: DataTableColumn<LockedPaymentMethodDto>[] = [
    {
      key: 'organization',
      header: 'Organization',
      render: (m) => (
        <Link to={paths.app.organization.section(m.organizationId, 'payment-methods')}>
          {m.organizationName}
        </Link>
      ),
    },
    {
      key: 'method',
      header: 'Payment method',
      render: (m) => (
        <>
          <div>{methodName(m)}</div>
          <div className="ui-muted app-note-text">{methodDescription(m)}</div>
        </>
      ),
    },
    {
      key: 'reason',
      header: 'Reason',
      render: (m) => m.lockedReason ?? 'Locked after failed payments',
    },
    {
      key: 'failures',
      header: 'Failures',
      align: 'right',
      render: (m) => String(m.consecutiveFailures),
    },
    { key: 'lockedAt', header: 'Locked', render: (m) => formatDateTime(m.lockedAt, timeZone) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            header: <span className="ui-visually-hidden">Actions</span>,
            align: 'right' as const,
            render: (m: LockedPaymentMethodDto) => (
              <Button size="sm" onClick={() => setUnlocking(m)}>
                Unlock
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Card flush>
        <div className="app-toolbar app-toolbar--padded">
          <SearchInput
            label="Search locked methods"
            placeholder="Organization or method"
            value={params.q ?? ''}
            onSearch={(q) => setParams((p) => ({ ...p, q: q || undefined, page: 1 }))}
          />
        </div>
        {methods.isError ? (
          <ErrorState
            message={
              isApiError(methods.error) ? methods.error.detail : 'Could not load locked methods.'
            }
            requestId={isApiError(methods.error) ? methods.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Locked payment methods"
            columns={columns}
            rows={methods.data?.data ?? []}
            getRowId={(m) => m.id}
            loading={methods.isPending || methods.isPlaceholderData}
            emptyTitle={params.q ? 'No matching locked methods' : 'No locked payment methods'}
            emptyText={
              params.q ? undefined : 'Methods locked by failed payments or ACH returns appear here.'
            }
            page={params.page}
            pageSize={params.pageSize}
            total={methods.data?.total ?? 0}
            onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
          />
        )}
      </Card>
      <UnlockPaymentMethodDialog method={unlocking} onClose={() => setUnlocking(null)} />
    </>
  );
}
