import { isApiError, type SessionResponseDto } from '@settle/api-client';
import { Card, ConfirmDialog, ErrorState, useToast } from '@settle/ui';
import { useState } from 'react';

import { SessionsTable } from '@/components/sessions-table';
import { useMsp } from '@/lib/msp-context';

import { useMySessions } from '../api/get-my-sessions';
import { useRevokeMySession } from '../api/revoke-my-session';

export function MySessionsCard() {
  const { timeZone } = useMsp();
  const toast = useToast();
  const sessions = useMySessions();
  const [revoking, setRevoking] = useState<SessionResponseDto | null>(null);
  const revoke = useRevokeMySession({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Session ended' });
        setRevoking(null);
      },
      onError: (err) =>
        toast.show({
          title: 'Could not end the session',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });
  return (
    <Card title="Your sessions" flush>
      {sessions.isError ? (
        <ErrorState
          message={isApiError(sessions.error) ? sessions.error.detail : 'Could not load sessions.'}
          requestId={isApiError(sessions.error) ? sessions.error.requestId : null}
        />
      ) : (
        <SessionsTable
          label="Your sessions"
          sessions={sessions.data?.data ?? []}
          loading={sessions.isPending}
          timeZone={timeZone}
          revoking={revoke.isPending ? revoking?.id : null}
          onRevoke={setRevoking}
        />
      )}
      <ConfirmDialog
        open={!!revoking}
        title="End session"
        message={
          revoking?.current
            ? 'This is the session you are using: you will be signed out.'
            : 'That browser will be signed out.'
        }
        confirmLabel="End session"
        danger
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
      />
    </Card>
  );
}
