import type { SessionResponseDto } from '@settle/api-client';
import { Button, DataTable, formatDateTime, type DataTableColumn } from '@settle/ui';

/** "Firefox on Linux" would need a parser; the raw agent, shortened, is honest enough. */
function describeAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
}

/** Staff sessions (one user's), each with a Revoke button; shared by Account and Users. */
export function SessionsTable({
  label,
  sessions,
  loading,
  timeZone,
  revoking,
  onRevoke,
}: {
  label: string;
  sessions: SessionResponseDto[];
  loading: boolean;
  timeZone: string;
  revoking?: string | null;
  onRevoke: (session: SessionResponseDto) => void;
}) {
  const columns: DataTableColumn<SessionResponseDto>[] = [
    {
      key: 'device',
      header: 'Device',
      render: (s) => (
        <span title={s.userAgent ?? undefined}>
          {describeAgent(s.userAgent)}
          {s.current && <span className="ui-badge ui-badge--success"> This session</span>}
        </span>
      ),
    },
    { key: 'ip', header: 'Address', render: (s) => s.ip ?? '—' },
    {
      key: 'lastSeenAt',
      header: 'Last active',
      render: (s) => formatDateTime(s.lastSeenAt, timeZone),
    },
    {
      key: 'createdAt',
      header: 'Signed in',
      render: (s) => formatDateTime(s.createdAt, timeZone),
    },
    {
      key: 'actions',
      header: <span className="ui-visually-hidden">Actions</span>,
      align: 'right',
      render: (s) => (
        <Button
          size="sm"
          variant="danger"
          disabled={revoking === s.id}
          aria-label={`Revoke session ${describeAgent(s.userAgent)} from ${s.ip ?? 'unknown address'}`}
          onClick={() => onRevoke(s)}
        >
          Revoke
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label={label}
      columns={columns}
      rows={sessions}
      getRowId={(s) => s.id}
      loading={loading}
      emptyTitle="No sessions"
      emptyText="Nobody is signed in as this user."
    />
  );
}
