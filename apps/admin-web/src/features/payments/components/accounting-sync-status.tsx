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

export const ACCOUNTING_SYNC_OPTIONS = (
  Object.keys(ACCOUNTING_SYNC_LABELS) as AccountingSyncStatus[]
).map((s) => ({ value: s, label: ACCOUNTING_SYNC_LABELS[s] }));

/** The source's error and, when diagnosed, the cause in words with what to do. */
export function AccountingSyncProblem({ sync }: { sync: AccountingSyncDto }) {
  if (sync.status !== 'failed' && !(sync.status === 'pending' && sync.error)) return null;
  return (
    <div className="app-note-text app-accounting-sync-problem">
      {sync.advice && (
        <p>
          <strong>{sync.advice.label}.</strong> {sync.advice.happened}
        </p>
      )}
      {sync.error && <p className="ui-muted">Accounting said: {sync.error}</p>}
      {sync.advice && sync.status === 'failed' && <p>What to do: {sync.advice.whatToDo}</p>}
    </div>
  );
}

/** Words for a pending or synced reversal, or adjustment after a partial refund. */
const ACTION_LABELS: Partial<
  Record<AccountingSyncDto['action'], Partial<Record<AccountingSyncStatus, string>>>
> = {
  adjust: { pending: 'Waiting to adjust for a refund', synced: 'Adjusted for a refund' },
  reverse: { pending: 'Waiting to reverse', synced: 'Reversed' },
};

/** The accounting sync state as a chip; a pending or synced reversal or adjustment says so. */
export function AccountingSyncChip({ sync }: { sync: AccountingSyncDto }) {
  const label = ACTION_LABELS[sync.action]?.[sync.status] ?? ACCOUNTING_SYNC_LABELS[sync.status];
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
