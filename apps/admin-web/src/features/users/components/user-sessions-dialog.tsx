import { isApiError, type UserResponseDto } from '@settle/api-client';
import { Dialog, ErrorState, useToast } from '@settle/ui';

import { SessionsTable } from '@/components/sessions-table';
import { useMsp } from '@/lib/msp-context';

import { useRevokeUserSession, useUserSessions } from '../api/user-sessions';

export function UserSessionsDialog({
  user,
  onClose,
}: {
  user: UserResponseDto | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={!!user} title={`Sessions${user ? ` of ${user.name}` : ''}`} onClose={onClose}>
      {user && <UserSessions key={user.id} user={user} />}
    </Dialog>
  );
}

function UserSessions({ user }: { user: UserResponseDto }) {
  const { timeZone } = useMsp();
  const toast = useToast();
  const sessions = useUserSessions({ id: user.id });
  const revoke = useRevokeUserSession({
    mutationConfig: {
      onSuccess: () =>
        toast.show({ title: 'Session ended', message: `${user.name} is signed out there.` }),
      onError: (err) =>
        toast.show({
          title: 'Could not end the session',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });
  if (sessions.isError)
    return (
      <ErrorState
        message={isApiError(sessions.error) ? sessions.error.detail : 'Could not load sessions.'}
        requestId={isApiError(sessions.error) ? sessions.error.requestId : null}
      />
    );
  return (
    <SessionsTable
      label={`Sessions of ${user.name}`}
      sessions={sessions.data?.data ?? []}
      loading={sessions.isPending}
      timeZone={timeZone}
      revoking={revoke.isPending ? revoke.variables?.sessionId : null}
      onRevoke={(s) => revoke.mutate({ id: user.id, sessionId: s.id })}
    />
  );
}
