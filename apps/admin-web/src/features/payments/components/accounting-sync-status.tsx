import type { AccountingSyncDto, AccountingSyncStatus } from '../api/types';

export const ACCOUNTING_SYNC_LABELS: Record<AccountingSyncStatus, string> = {
  pending: 'Waiting to sync',
  synced: 'Synced',
  failed: 'Failing',
  dismissed: 'Dismissed',
  not_applicable: 'Not applicable',
};

const TONES: Record<AccountingSyncStatus, string> = {
  pending: 'ui-badge ui-badge--warning',
  synced: 'ui-badge ui-badge--success',
  failed: 'ui-badge ui-badge--danger',
  dismissed: 'ui-badge',
  not_applicable: 'ui-badge',
};

/** The accounting sync state as a chip; a pending or synced reversal says so. */
export function AccountingSyncChip({ sync }: { sync: AccountingSyncDto }) {
  const reversal =
    sync.action === 'reverse' && (sync.status === 'pending' || sync.status === 'synced');
  const label =
    reversal && sync.status === 'pending'
      ? 'Waiting to reverse'
      : reversal
        ? 'Reversed'
        : ACCOUNTING_SYNC_LABELS[sync.status];
  return (
    <span
      className={TONES[sync.status] ?? 'ui-badge'}
      data-accounting-sync={sync.status}
      title={sync.error ?? undefined}
    >
      {label ?? sync.status}
    </span>
  );
}
