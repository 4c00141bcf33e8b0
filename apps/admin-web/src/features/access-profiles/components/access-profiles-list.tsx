import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  ErrorState,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import { useAccessProfiles } from '@/api/access-profiles/get-access-profiles';
import type { AccessProfileResponseDto } from '@/api/access-profiles/types';

import { PERMISSIONS } from '../api/create-access-profile';
import { useDeleteAccessProfile } from '../api/delete-access-profile';

import { AccessProfileDialog } from './access-profile-dialog';

export function AccessProfilesList() {
  const toast = useToast();
  const profiles = useAccessProfiles();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AccessProfileResponseDto | null>(null);
  const [deleting, setDeleting] = useState<AccessProfileResponseDto | null>(null);
  const remove = useDeleteAccessProfile({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Access profile deleted', message: deleting?.name });
        setDeleting(null);
      },
      onError: (err) => {
        setDeleting(null);
        toast.show({
          title: 'Could not delete the access profile',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        });
      },
    },
  });

  const columns: DataTableColumn<AccessProfileResponseDto>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (p) => (
        <>
          {p.name}
          {p.isSystem && (
            <>
              {' '}
              <span className="ui-badge">Built-in</span>
            </>
          )}
        </>
      ),
    },
    ...PERMISSIONS.map((perm) => ({
      key: perm.key,
      header: perm.label,
      align: 'center' as const,
      render: (p: AccessProfileResponseDto) =>
        p.permissions[perm.key] ? (
          <span className="app-check" role="img" aria-label="Yes">
            ✓
          </span>
        ) : (
          <span className="ui-muted" role="img" aria-label="No">
            —
          </span>
        ),
    })),
    { key: 'contactsCount', header: 'Contacts', align: 'right', render: (p) => p.contactsCount },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (p) => (
        <div className="app-row-actions">
          <Button size="sm" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="danger"
            disabled={p.isSystem}
            title={p.isSystem ? 'Built-in profiles cannot be deleted' : undefined}
            aria-label={`Delete ${p.name}`}
            onClick={() => setDeleting(p)}
          >
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <Card
        title="Access profiles"
        flush
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            New access profile
          </Button>
        }
      >
        <p className="ui-muted app-note-text app-note-text--padded">
          An access profile decides what a customer contact can see and do in the portal. Each
          contact gets one profile per organization.
        </p>
        {profiles.isError ? (
          <ErrorState
            message={
              isApiError(profiles.error) ? profiles.error.detail : 'Could not load access profiles.'
            }
          />
        ) : (
          <DataTable
            label="Access profiles"
            columns={columns}
            rows={profiles.data?.data ?? []}
            getRowId={(p) => p.id}
            loading={profiles.isPending}
            emptyTitle="No access profiles"
          />
        )}
      </Card>
      {adding && <AccessProfileDialog onClose={() => setAdding(false)} />}
      {editing && <AccessProfileDialog profile={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        title="Delete access profile"
        message={
          deleting && deleting.contactsCount > 0
            ? `${deleting.name} is used by ${deleting.contactsCount} contact(s). Move them to another profile first.`
            : `${deleting?.name ?? ''} will be deleted.`
        }
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
      />
    </>
  );
}
