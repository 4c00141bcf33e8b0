import { isApiError, type UserResponseDto } from '@settle/api-client';
import {
  Button,
  Card,
  ConfirmDialog,
  DataTable,
  ErrorState,
  SelectField,
  formatDateTime,
  useToast,
  type DataTableColumn,
} from '@settle/ui';
import { useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import type { CreateUserInput } from '../api/create-user';
import { useUsers } from '../api/get-users';
import type { UsersListParams } from '../api/keys';
import { useUpdateUser } from '../api/update-user';
import { useResetUserTwoFactor } from '../api/user-sessions';

import { CreateUserDialog, ROLE_OPTIONS } from './create-user-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserSessionsDialog } from './user-sessions-dialog';

export function UsersList() {
  const { timeZone, user: me } = useMsp();
  const toast = useToast();
  const [params, setParams] = useState<UsersListParams>({ page: 1, pageSize: 25, sort: 'name' });
  const [adding, setAdding] = useState(false);
  const [toggling, setToggling] = useState<UserResponseDto | null>(null);
  const [resetting, setResetting] = useState<UserResponseDto | null>(null);
  const [sessionsOf, setSessionsOf] = useState<UserResponseDto | null>(null);
  const [resettingTwoFactor, setResettingTwoFactor] = useState<UserResponseDto | null>(null);
  const users = useUsers({ params });

  const update = useUpdateUser({
    mutationConfig: {
      onSuccess: (u) => {
        toast.show({ title: 'User updated', message: `${u.name} saved.` });
        setToggling(null);
      },
      onError: (err) =>
        toast.show({
          title: 'Could not update the user',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  const resetTwoFactor = useResetUserTwoFactor({
    mutationConfig: {
      onSuccess: () => {
        toast.show({
          title: 'Two-factor sign-in reset',
          message: `${resettingTwoFactor?.name ?? 'The user'} signs in with their password and can set it up again.`,
        });
        setResettingTwoFactor(null);
      },
      onError: (err) =>
        toast.show({
          title: 'Could not reset two-factor sign-in',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  const columns: DataTableColumn<UserResponseDto>[] = [
    { key: 'name', header: 'Name', sortable: true, render: (u) => u.name },
    { key: 'email', header: 'Email', sortable: true, render: (u) => u.email },
    {
      key: 'role',
      header: 'Role',
      sortable: true,
      render: (u) => (
        <SelectField
          label={`Role for ${u.name}`}
          hideLabel
          value={u.role}
          options={ROLE_OPTIONS}
          disabled={u.id === me.id || update.isPending}
          onChange={(e) =>
            update.mutate({ id: u.id, data: { role: e.target.value as CreateUserInput['role'] } })
          }
          style={{ width: 120 }}
        />
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (u) =>
        u.disabled ? (
          <span className="ui-badge ui-badge--danger">Disabled</span>
        ) : (
          <span className="ui-badge ui-badge--success">Active</span>
        ),
    },
    {
      key: 'twoFactor',
      header: '2FA',
      render: (u) =>
        u.twoFactorEnabled ? (
          <span className="ui-badge ui-badge--success">On</span>
        ) : (
          <span className="ui-badge">Off</span>
        ),
    },
    {
      key: 'lastLoginAt',
      header: 'Last login',
      sortable: true,
      render: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, timeZone) : 'Never'),
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (u) => (
        <div className="app-row-actions">
          <Button size="sm" onClick={() => setResetting(u)}>
            Reset password
          </Button>
          <Button size="sm" onClick={() => setSessionsOf(u)}>
            Sessions
          </Button>
          {u.twoFactorEnabled && (
            <Button size="sm" onClick={() => setResettingTwoFactor(u)}>
              Reset 2FA
            </Button>
          )}
          {u.id !== me.id && (
            <Button
              size="sm"
              variant={u.disabled ? 'secondary' : 'danger'}
              onClick={() => setToggling(u)}
            >
              {u.disabled ? 'Enable' : 'Disable'}
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <Card
        title="Users"
        flush
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      >
        {users.isError ? (
          <ErrorState
            message={isApiError(users.error) ? users.error.detail : 'Could not load users.'}
            requestId={isApiError(users.error) ? users.error.requestId : null}
          />
        ) : (
          <DataTable
            label="Users"
            columns={columns}
            rows={users.data?.data ?? []}
            getRowId={(u) => u.id}
            loading={users.isPending}
            emptyTitle="No users yet"
            emptyText="Add the people on your billing team."
            sort={params.sort}
            onSort={(sort) =>
              setParams((p) => ({ ...p, sort: sort as UsersListParams['sort'], page: 1 }))
            }
            page={params.page}
            pageSize={params.pageSize}
            total={users.data?.total ?? 0}
            onPageChange={(page) => setParams((p) => ({ ...p, page }))}
            onPageSizeChange={(pageSize) => setParams((p) => ({ ...p, pageSize, page: 1 }))}
          />
        )}
      </Card>
      <CreateUserDialog open={adding} onClose={() => setAdding(false)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <UserSessionsDialog user={sessionsOf} onClose={() => setSessionsOf(null)} />
      <ConfirmDialog
        open={!!resettingTwoFactor}
        title="Reset two-factor sign-in"
        message={`Two-factor sign-in turns off for ${resettingTwoFactor?.name ?? ''} and all their sessions end. Do this only when you are sure it is them (a lost phone).`}
        confirmLabel="Reset 2FA"
        danger
        pending={resetTwoFactor.isPending}
        onCancel={() => setResettingTwoFactor(null)}
        onConfirm={() => resettingTwoFactor && resetTwoFactor.mutate(resettingTwoFactor.id)}
      />
      <ConfirmDialog
        open={!!toggling}
        title={toggling?.disabled ? 'Enable user' : 'Disable user'}
        message={
          toggling?.disabled
            ? `${toggling?.name} will be able to sign in again.`
            : `${toggling?.name} will be signed out and will not be able to sign in until enabled again.`
        }
        confirmLabel={toggling?.disabled ? 'Enable' : 'Disable'}
        danger={!toggling?.disabled}
        pending={update.isPending}
        onCancel={() => setToggling(null)}
        onConfirm={() =>
          toggling && update.mutate({ id: toggling.id, data: { disabled: !toggling.disabled } })
        }
      />
    </>
  );
}
