import { Card, formatDateTime } from '@settle/ui';

import { formatDatesInText } from '@/lib/dates-in-text';
import { useMsp } from '@/lib/msp-context';

import type { PaymentDto } from '../api/types';

import { AccountingSyncMenu } from './accounting-sync-menu';
import { AccountingSyncChip, AccountingSyncProblem } from './accounting-sync-status';

const HISTORY_TYPES = new Set([
  'accounting_synced',
  'accounting_sync_failed',
  'accounting_sync_queued',
  'accounting_sync_dismissed',
  'hidden_from_portal',
  'shown_in_portal',
]);

/** The payment's accounting sync: its state, what accounting said, and its history. */
export function AccountingSyncCard({
  payment,
  canEdit,
}: {
  payment: PaymentDto;
  canEdit: boolean;
}) {
  const { timeZone } = useMsp();
  const sync = payment.accountingSync;
  const history = payment.timeline.filter((e) => HISTORY_TYPES.has(e.type));
  return (
    <Card
      title="Accounting sync"
      aria-label="Accounting sync"
      className="app-full"
      actions={canEdit ? <AccountingSyncMenu payment={payment} /> : undefined}
    >
      {/* its state, what accounting said and the history apart, not run together */}
      <div className="app-stack">
        <dl className="app-details">
          <div>
            <dt>State</dt>
            <dd>
              <AccountingSyncChip sync={sync} />
              {payment.hiddenFromPortal && (
                <div className="ui-muted app-note-text">Hidden from the customer portal</div>
              )}
            </dd>
          </div>
          <div>
            <dt>Accounting id</dt>
            <dd>{sync.externalId ?? '—'}</dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{sync.attempts}</dd>
          </div>
          <div>
            <dt>Last attempt</dt>
            <dd>{sync.lastAttemptAt ? formatDateTime(sync.lastAttemptAt, timeZone) : '—'}</dd>
          </div>
          {sync.status === 'pending' && sync.nextAttemptAt && (
            <div>
              <dt>Next attempt</dt>
              <dd>{formatDateTime(sync.nextAttemptAt, timeZone)}</dd>
            </div>
          )}
        </dl>
        <AccountingSyncProblem sync={sync} />
        {history.length > 0 && (
          <ol className="app-timeline" aria-label="Accounting sync history">
            {history.map((e, i) => (
              <li
                key={`${e.at}-${i}`}
                className={`app-timeline__event app-timeline__event--${e.type}`}
              >
                <p className="app-timeline__summary">{formatDatesInText(e.summary, timeZone)}</p>
                <p className="ui-muted app-timeline__meta">
                  {e.actor} · <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
