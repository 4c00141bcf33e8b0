import { isApiError, type components } from '@settle/api-client';
import { Skeleton, cn, formatDateTime } from '@settle/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useAttention } from '../api/get-attention';

/**
 * What needs staff attention (seed 000 "Notifications"): ACH returns, locked methods, and more.
 * `autopayApprovals` is counted by the route (AutoPay is another feature).
 */
export function AttentionCards({ autopayApprovals }: { autopayApprovals?: number }) {
  const attention = useAttention();
  if (attention.isError) {
    return (
      <div className="ui-alert ui-alert--error" role="alert">
        Could not load what needs attention
        {isApiError(attention.error) ? `: ${attention.error.detail}` : '.'}{' '}
        <button
          type="button"
          className="ui-button ui-button--sm"
          onClick={() => void attention.refetch()}
        >
          Try again
        </button>
      </div>
    );
  }
  const a = attention.data;
  const loading = attention.isPending;
  const allClear =
    !!a &&
    a.unresolvedAchReturns === 0 &&
    a.lockedPaymentMethods === 0 &&
    a.paymentsAwaitingGateway === 0 &&
    a.failedPaymentsLast7Days === 0 &&
    a.overAllocatedInvoices === 0 &&
    a.failedEmailsLast7Days === 0 &&
    a.syncAlerts.length === 0 &&
    a.paymentsFailingToSync === 0 &&
    !autopayApprovals;
  return (
    <>
      {allClear && <p className="ui-muted app-attention__clear">Nothing needs your attention.</p>}
      <div className="app-attention" aria-busy={loading || undefined}>
        <AttentionCard
          title="Unresolved ACH returns"
          count={a?.unresolvedAchReturns}
          loading={loading}
          text="Bank debits that came back. Resolve or dismiss each one."
          to={paths.app.achReturns.getHref()}
          linkLabel="Resolve Now"
        />
        <AttentionCard
          title="Locked payment methods"
          count={a?.lockedPaymentMethods}
          loading={loading}
          text="Locked after failed payments or returns; they cannot be charged until unlocked."
          to={paths.app.lockedPaymentMethods.getHref()}
          linkLabel="Resolve Now"
        />
        <AttentionCard
          title="Payments failing to sync"
          count={a?.paymentsFailingToSync}
          loading={loading}
          text="Accounting refused these payments, usually because an invoice changed there. Retry, or dismiss syncing once recorded by hand."
          to={paths.app.payments.getHref({ accountingSync: 'failed' })}
          linkLabel="Resolve Now"
        />
        {a?.accountingSyncAlert && <AccountingSyncAlertCard alert={a.accountingSyncAlert} />}
        {a?.syncAlerts.map((alert) => (
          <SyncAlertCard key={`${alert.kind}-${alert.integrationId}`} alert={alert} />
        ))}
        {!!autopayApprovals && (
          <AttentionCard
            title="AutoPay needing approval"
            count={autopayApprovals}
            text="AutoPay charges waiting for staff: approve or reject each one."
            to={paths.app.autopay.getHref()}
            linkLabel="Review"
          />
        )}
        {!!a?.paymentsAwaitingGateway && (
          <AttentionCard
            title="Awaiting gateway"
            count={a.paymentsAwaitingGateway}
            text="Payments whose gateway outcome is not known yet; they are reconciled automatically."
            to={paths.app.payments.getHref({ status: 'processing' })}
            linkLabel="View payments"
          />
        )}
        {!!a?.failedPaymentsLast7Days && (
          <AttentionCard
            title="Failed payments (7 days)"
            count={a.failedPaymentsLast7Days}
            text="Declined or failed in the last seven days."
            to={paths.app.payments.getHref({ status: 'failed' })}
            linkLabel="View payments"
          />
        )}
        {!!a?.overAllocatedInvoices && (
          <AttentionCard
            title="Over-allocated invoices"
            count={a.overAllocatedInvoices}
            text="Settle holds more for these invoices than their source says is owed: money taken twice, or a payment the source already has. Check each one, and refund what was taken twice."
            to={paths.app.invoices.getHref({ overAllocated: 'true' })}
            linkLabel="View invoices"
          />
        )}
        {!!a?.failedEmailsLast7Days && (
          <AttentionCard
            title="Failed emails (7 days)"
            count={a.failedEmailsLast7Days}
            text={`${a.failedEmailsLast7Days === 1 ? '1 email' : `${a.failedEmailsLast7Days} emails`} failed: the mail server refused them or could not be reached. Check the address or the email settings, then resend.`}
            to={paths.app.emails.getHref({ status: 'failed' })}
            linkLabel="View emails"
          />
        )}
      </div>
    </>
  );
}

/** A sync failing, or not run for 48 hours: one card per integration, with the source's words. */
function SyncAlertCard({ alert }: { alert: components['schemas']['SyncAlertDto'] }) {
  const failed = alert.kind === 'sync_failed';
  const { timeZone } = useMsp();
  const since = formatDateTime(alert.since, timeZone);
  const title = `${failed ? 'Sync failed' : 'Sync not running'}: ${alert.integrationName}`;
  return (
    <section aria-label={title} className="app-attention-card app-attention-card--alert">
      <p className="app-attention-card__count" aria-hidden="true">
        !
      </p>
      <div>
        <h3 className="app-attention-card__title">{title}</h3>
        <p className="ui-muted app-note-text">
          {failed
            ? `Failing since ${since}: ${alert.error ?? 'no error was recorded'}`
            : alert.everSynced
              ? `No sync has succeeded for 48 hours (last: ${since}).`
              : `It has never synced (connected ${since}).`}{' '}
          Records from it are not being updated.
        </p>
        <Link to={paths.app.integrations.getHref()}>Open Integrations</Link>
      </div>
    </section>
  );
}

/** 10% or more of recent payments failing to sync: something in the settings, most likely. */
function AccountingSyncAlertCard({
  alert,
}: {
  alert: components['schemas']['AccountingSyncAlertDto'];
}) {
  const { timeZone } = useMsp();
  const title = 'Many payments failing to sync';
  return (
    <section aria-label={title} className="app-attention-card app-attention-card--alert">
      <p className="app-attention-card__count" aria-hidden="true">
        !
      </p>
      <div>
        <h3 className="app-attention-card__title">{title}</h3>
        <p className="ui-muted app-note-text">
          {alert.failing} of the {alert.pushed} payments sent to accounting in the last 30 days are
          failing (since {formatDateTime(alert.since, timeZone)}). That many usually means a setting
          of the accounting integration needs attention.
        </p>
        <Link to={paths.app.integrations.getHref()}>Open Integrations</Link>
      </div>
    </section>
  );
}

function AttentionCard({
  title,
  count,
  loading,
  text,
  to,
  linkLabel,
}: {
  title: string;
  count: number | undefined;
  loading?: boolean;
  text: ReactNode;
  to: string;
  linkLabel: string;
}) {
  const alert = !!count && count > 0;
  return (
    <section
      aria-label={title}
      className={cn('app-attention-card', alert && 'app-attention-card--alert')}
    >
      <p className="app-attention-card__count" data-testid={`attention-${title}`}>
        {loading ? <Skeleton width={32} height={24} /> : (count ?? '—')}
      </p>
      <div>
        <h3 className="app-attention-card__title">{title}</h3>
        <p className="ui-muted app-note-text">{alert ? text : 'All clear.'}</p>
        {alert && <Link to={to}>{linkLabel}</Link>}
      </div>
    </section>
  );
}
