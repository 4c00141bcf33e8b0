import { isApiError, type ApiKeyResponseDto } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  ErrorState,
  formatDate,
  formatDateTime,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import { useApiKeys } from '../api/get-api-keys';
import type { ApiKeysListParams } from '../api/keys';
import { useRevokeApiKey } from '../api/revoke-api-key';

import { CreateApiKeyDialog } from './create-api-key-dialog';

export function ApiKeysList() {
  const { timeZone } = useMsp();
  const toast = useToast();
  const [params, setParams] = useState<ApiKeysListParams>({ page: 1, pageSize: 25 });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyResponseDto | null>(null);
  const keys = useApiKeys({ params });
  const revoke = useRevokeApiKey({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'API key revoked' });
        setRevoking(null);
      },
      onError: (err) =>
        toast.show({
          title: 'Could not revoke the key',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  const columns: DataTableColumn<ApiKeyResponseDto>[] = [
    { key: 'name', header: 'Name', render: (k) => k.name },
    { key: 'prefix', header: 'Key', render: (k) => <code>{k.prefix}…</code> },
    { key: 'role', header: 'Role', render: (k) => k.role },
    { key: 'createdAt', header: 'Created', render: (k) => formatDate(k.createdAt, timeZone) },
    {
      key: 'lastUsedAt',
      header: 'Last used',
      render: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : 'Never'),
    },
    {
      key: 'status',
      header: 'Status',
      render: (k) =>
        k.revokedAt ? (
          <span className="ui-badge ui-badge--danger">Revoked</span>
        ) : (
          <span className="ui-badge ui-badge--success">Active</span>
        ),
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (k) =>
        k.revokedAt ? null : (
          <Button size="sm" variant="danger" onClick={() => setRevoking(k)}>
            Revoke
          </Button>
        ),
    },
  ];

  return (
    <>
      <Card
        title="API keys"
        flush
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create API key
          </Button>
        }
      >
        {keys.isError ? (
          <ErrorState
            message={isApiError(keys.error) ? keys.error.detail : 'Could not load API keys.'}
            requestId={isApiError(keys.error) ? keys.error.requestId : null}
          />
        ) : (
          <DataTable
            label="API keys"
            columns={columns}
            rows={keys.data?.data ?? []}
            getRowId={(k) => k.id}
            loading={keys.isPending}
            emptyTitle="No API keys"
            emptyText="Create a key to let an integration call the Settle API."
            page={params.page}
            pageSize={params.pageSize}
            total={keys.data?.total ?? 0}
            onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setParams({ page: 1, pageSize })}
          />
        )}
      </Card>
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={!!revoking}
        title="Revoke API key"
        message={`Requests using “${revoking?.name}” will be refused from now on. This cannot be undone.`}
        confirmLabel="Revoke"
        danger
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      />
    </>
  );
}
