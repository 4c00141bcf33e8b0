import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCOUNTING_SYNC_ALERT_WINDOW_DAYS,
  ACCOUNTING_SYNC_CAUSE_WORDS,
  ACCOUNTING_SYNC_LEASE_MS,
  AccountingSyncAction,
  AccountingSyncCause,
  accountingSyncFailingAlert,
  AccountingSyncStatus,
  assertAccountingSyncTransition,
  nextAccountingSyncAttempt,
  todayIn,
} from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { AccountingSyncFailingPayload, OutboxService } from '../outbox';
import { SettingsService } from '../settings';
import { formatAmount } from './format-amount';
import { paymentNumber } from './payment-ledger';
import { Payment } from './payment.entity';
import { AccountingSyncChanges, PaymentsRepository, TimelineRow } from './payments.repository';

/**
 * One payment a push worker has claimed: what to record in (or reverse from) accounting.
 * @public for the accounting push job (the integrator's, on top of this contract).
 */
export interface AccountingPushItem {
  paymentId: string;
  organizationId: string;
  /**
   * push: record the payment; reverse: undo the pushed one (refunded in full, or returned);
   * adjust: bring the pushed one down to what is left after partial refunds.
   */
  action: AccountingSyncAction;
  /**
   * Minor units: a push or an adjustment sends what is left after partial refunds; a reversal
   * what was pushed.
   */
  amount: number;
  currency: string;
  /** The day the money was taken (settled for ACH), YYYY-MM-DD in the MSP's time zone. */
  paidOn: string;
  /** The gateway's charge id, or the payment number when there is none. */
  reference: string;
  /** PAY-000123. */
  number: string;
  method: 'card' | 'ach';
  /** The accounting package's id of the pushed payment: set when reversing. */
  externalId: string | null;
  /** This attempt's number in its round (1 for the first). */
  attempt: number;
  /** The round's key: the same for automatic retries (a replay), new for each round. */
  requestKey: string;
  /**
   * Settle's invoice ids; the push job maps them to the accounting package's. An adjustment lists
   * every invoice of the payment, one refunded in full at zero (its line goes, its balance is
   * read back); a push only those with something left.
   */
  allocations: { invoiceId: string; amount: number }[];
}

/**
 * What the accounting package said about a push (or reversal).
 * @public for the accounting push job.
 */
export type AccountingPushOutcome =
  /** `amount`: what the push (or adjustment) sent, the payment net of refunds when claimed. */
  | { kind: 'synced'; externalId: string; amount: number }
  | { kind: 'reversed' }
  | { kind: 'adjusted'; amount: number }
  | {
      kind: 'failed';
      error: string;
      cause: AccountingSyncCause;
      retryable: boolean;
      /** Accounting recorded something all the same (a payment it left unapplied). */
      externalId?: string;
    };

/**
 * Counts for the Overview and the 10% alert.
 * @public for the accounting push job.
 */
export interface AccountingSyncHealth {
  pending: number;
  failing: number;
  /** Payments accounting was asked to take in the last 30 days, and those of them failing now. */
  pushedRecently: number;
  failingRecently: number;
  /** 10% or more of the recent ones fail. */
  alert: boolean;
}

/** The alert's episode, kept as a settings document: on since `since`, or off. */
const ALERT_DOCUMENT = 'accounting_sync_alert';
const DAY_MS = 24 * 3_600_000;

/**
 * Payments' accounting sync: the contract the accounting push job works through (claim, record,
 * re-check, health, the failing alert). The payments module owns the state; the integration that
 * pushes owns only the conversation with the accounting package. Staff's Retry, Dismiss Syncing
 * and Hide are PaymentSyncActionsService's.
 */
@Injectable()
export class AccountingSyncService {
  private readonly logger = new Logger(AccountingSyncService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly settings: SettingsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Up to `limit` due pending syncs, oldest due first, each leased to the caller for five minutes
   * (a crash retries it then) with its attempt counted. Rows another worker holds are skipped, so
   * two workers never take the same payment.
   */
  async claimAccountingPushes(limit: number, now = new Date()): Promise<AccountingPushItem[]> {
    const { timeZone } = await this.settings.mspCalendar(now);
    const leaseUntil = new Date(now.getTime() + ACCOUNTING_SYNC_LEASE_MS);
    const manager = this.dataSource.manager;
    const rows = await this.payments.claimAccountingSyncs(manager, limit, now, leaseUntil);
    const allocations = await this.payments.allocationsOfMany(
      manager,
      rows.map((r) => r.id),
    );
    return rows.map((row) => {
      const reverse = row.action === 'reverse';
      const mine = allocations
        .filter((a) => a.payment_id === row.id)
        .map((a) => ({
          amount: Number(a.amount) - (reverse ? 0 : Number(a.amount_refunded)),
          invoiceId: a.invoice_id,
        }))
        .filter((a) => a.amount > 0 || row.action === 'adjust');
      return {
        action: row.action,
        allocations: mine,
        amount: mine.reduce((sum, a) => sum + a.amount, 0),
        attempt: Number(row.attempts),
        currency: row.currency,
        externalId: row.external_id,
        method: row.method_type === 'card' ? 'card' : 'ach',
        number: paymentNumber(Number(row.sequence)),
        organizationId: row.organization_id,
        paidOn: todayIn(timeZone, new Date(row.paid_at)),
        paymentId: row.id,
        reference: row.gateway_payment_ref ?? paymentNumber(Number(row.sequence)),
        requestKey: row.request_key,
      };
    });
  }

  /**
   * Which of these accounting package payment ids are Settle's own pushed payments: the pull never
   * takes those for the customer's unapplied money (a pushed payment left unapplied is a failing
   * push, not a credit).
   */
  async pushedAmong(manager: EntityManager, externalIds: string[]): Promise<Set<string>> {
    return new Set(await this.payments.pushedAmong(manager, externalIds));
  }

  /**
   * Records what accounting said about a claimed push. Synced (or reversed): done, with the
   * external id. A retryable failure stays pending until the domain's backoff runs out, then
   * fails; any other failure fails at once, with an outbox event `payment.accounting_sync_failed`.
   * Each outcome writes a timeline entry. An outcome for a payment staff dismissed meanwhile, or
   * whose money went back meanwhile, is recorded without undoing what happened since.
   * A push or an adjustment that sent more than is left of the payment (a partial refund came
   * while it was on its way) is done, and an adjustment to what is left is queued.
   * `onDone` runs in the same transaction when a pending push, reversal or adjustment is recorded
   * as done: what the accounting package's answer changes elsewhere (its invoice balances) is
   * written with it. It is given what is left of each of the payment's allocations (net of
   * refunds), per Settle invoice id: at most what Settle still holds for the payment there.
   */
  async recordAccountingPush(
    paymentId: string,
    outcome: AccountingPushOutcome,
    now = new Date(),
    onDone?: (manager: EntityManager, left: ReadonlyMap<string, number>) => Promise<void>,
  ): Promise<{ status: AccountingSyncStatus; action: AccountingSyncAction } | null> {
    let failed = false;
    const result = await this.dataSource.transaction(async (manager) => {
      const payment = await this.payments.findById(manager, paymentId, { lock: true });
      if (!payment) return null;
      const change = this.outcomeChange(payment, outcome, now);
      if (!change) return stateOf(payment);
      if (change.changes.accountingSyncStatus)
        assertAccountingSyncTransition(
          payment.accountingSyncStatus,
          change.changes.accountingSyncStatus,
          change.changes.accountingSyncAction ?? payment.accountingSyncAction,
        );
      const becameFailed =
        change.changes.accountingSyncStatus === 'failed' &&
        payment.accountingSyncStatus !== 'failed';
      const done =
        outcome.kind !== 'failed' &&
        payment.accountingSyncStatus === 'pending' &&
        (change.changes.accountingSyncStatus === 'synced' ||
          change.changes.accountingSyncAction === 'adjust');
      await this.payments.setAccountingSync(manager, payment, change.changes, [change.timeline]);
      if (done && onDone) {
        const allocations = await this.payments.allocationsOfMany(manager, [payment.id]);
        await onDone(
          manager,
          new Map(
            allocations.map((a) => [a.invoice_id, Number(a.amount) - Number(a.amount_refunded)]),
          ),
        );
      }
      if (becameFailed) {
        failed = true;
        await this.outbox.add(
          manager,
          'payment.accounting_sync_failed',
          { id: payment.id, type: 'payment' },
          {
            action: payment.accountingSyncAction,
            attempts: payment.accountingSyncAttempts,
            cause: payment.accountingSyncCause,
            error: payment.accountingSyncError,
            paymentId: payment.id,
          },
        );
      }
      return stateOf(payment);
    });
    if (failed) await this.checkFailingAlert(now);
    return result;
  }

  /**
   * Failed payments with one of these causes back in the queue (due now, attempts starting
   * over): the push job calls it after each accounting sync, so that a credit memo un-applied in
   * the source, or a link made since, reconciles by itself. The ids of those re-queued.
   */
  async recheckFailed(causes: readonly AccountingSyncCause[], now = new Date()): Promise<string[]> {
    const ids = await this.dataSource.transaction((manager) =>
      this.payments.requeueFailedSyncs(
        manager,
        causes,
        now,
        'Syncing to accounting again after an accounting sync',
      ),
    );
    if (ids.length) await this.checkFailingAlert(now);
    return ids;
  }

  /** Counts for the Overview and the 10% alert (payments of the last 30 days). */
  async accountingSyncHealth(now = new Date()): Promise<AccountingSyncHealth> {
    return this.healthIn(this.dataSource.manager, now);
  }

  /**
   * Starts the "payments failing to sync" episode when 10% or more of recent pushes fail (an
   * outbox event, from which each admin gets one email), and ends it when they no longer do; so
   * however many payments fail meanwhile, an episode is announced once.
   */
  async checkFailingAlert(now = new Date()): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const episode = await this.settings.readDocument(manager, ALERT_DOCUMENT, { lock: true });
      const health = await this.healthIn(manager, now);
      const since = typeof episode?.since === 'string' ? episode.since : null;
      if (health.alert && !since) {
        const episodeId = randomUUID();
        await this.settings.writeDocument(manager, ALERT_DOCUMENT, {
          episodeId,
          since: now.toISOString(),
        });
        const payload: AccountingSyncFailingPayload = {
          failing: health.failingRecently,
          pushed: health.pushedRecently,
          since: now.toISOString(),
        };
        await this.outbox.add(
          manager,
          'accounting_sync.failing',
          { id: episodeId, type: 'accounting_sync_alert' },
          { ...payload },
        );
        this.logger.warn(payload, 'Payments failing to sync alert raised');
      } else if (!health.alert && since)
        await this.settings.writeDocument(manager, ALERT_DOCUMENT, {
          episodeId: null,
          since: null,
        });
      return health.alert;
    });
  }

  /** The Overview's card and alert: how many fail, and the episode when one is on. */
  async overview(): Promise<{
    paymentsFailingToSync: number;
    alert: { since: string; failing: number; pushed: number } | null;
  }> {
    const manager = this.dataSource.manager;
    const [health, episode] = await Promise.all([
      this.healthIn(manager, new Date()),
      this.settings.readDocument(manager, ALERT_DOCUMENT),
    ]);
    const since = typeof episode?.since === 'string' ? episode.since : null;
    return {
      alert:
        since && health.alert
          ? { failing: health.failingRecently, pushed: health.pushedRecently, since }
          : null,
      paymentsFailingToSync: health.failing,
    };
  }

  private outcomeChange(
    payment: Payment,
    outcome: AccountingPushOutcome,
    now: Date,
  ): { changes: AccountingSyncChanges; timeline: TimelineRow } | null {
    const entry = (type: TimelineRow['type'], summary: string, data: Record<string, unknown>) => ({
      actor: 'Settle',
      data,
      summary,
      type,
    });
    const { accountingSyncAction: action, accountingSyncStatus: status } = payment;
    const left = payment.amount - payment.amountRefunded;
    // Sent more than is left: a partial refund came meanwhile; accounting is adjusted next.
    const adjustNext = (externalId: string | null, summary: string) => ({
      changes: {
        ...(externalId ? { accountingExternalId: externalId } : {}),
        accountingSyncAction: 'adjust' as const,
        accountingSyncAttempts: 0,
        accountingSyncCause: null,
        accountingSyncError: null,
        accountingSyncNextAttemptAt: now,
        accountingSyncStatus: 'pending' as const,
      },
      timeline: entry('accounting_sync_queued', summary, { externalId }),
    });
    if (outcome.kind === 'synced') {
      if (status === 'pending' && action === 'push' && outcome.amount !== left)
        return adjustNext(
          outcome.externalId,
          `Recorded in accounting as ${formatAmount(outcome.amount, payment.currency)} before a partial refund: waiting to adjust it there to ${formatAmount(left, payment.currency)}`,
        );
      if (status === 'pending' && action === 'push')
        return {
          changes: {
            accountingExternalId: outcome.externalId,
            accountingSyncCause: null,
            accountingSyncError: null,
            accountingSyncNextAttemptAt: null,
            accountingSyncStatus: 'synced',
          },
          timeline: entry('accounting_synced', 'Recorded in accounting', {
            externalId: outcome.externalId,
          }),
        };
      // The push was in flight when the money went back: the payment must now be reversed.
      if (status === 'not_applicable')
        return {
          changes: {
            accountingExternalId: outcome.externalId,
            accountingSyncAction: 'reverse',
            accountingSyncAttempts: 0,
            accountingSyncNextAttemptAt: now,
            accountingSyncStatus: 'pending',
          },
          timeline: entry(
            'accounting_sync_queued',
            'Recorded in accounting after the money went back: waiting to reverse it there',
            { externalId: outcome.externalId },
          ),
        };
      // Dismissed while the push was in flight: keep the id, and tell staff to look.
      return {
        changes: { accountingExternalId: outcome.externalId },
        timeline: entry(
          'accounting_synced',
          `Recorded in accounting although syncing was ${status}: check accounting for a duplicate`,
          { externalId: outcome.externalId },
        ),
      };
    }
    if (status !== 'pending') {
      this.logger.warn({ outcome: outcome.kind, paymentId: payment.id, status }, 'Stale outcome');
      return null;
    }
    if (outcome.kind === 'adjusted') {
      // Refunded in full while the adjustment was on its way: the reversal queued since stands.
      if (action !== 'adjust') {
        this.logger.warn({ action, paymentId: payment.id }, 'Stale adjustment outcome');
        return null;
      }
      if (outcome.amount !== left)
        return adjustNext(
          null,
          `Adjusted in accounting to ${formatAmount(outcome.amount, payment.currency)}; another refund since: waiting to adjust it to ${formatAmount(left, payment.currency)}`,
        );
      return {
        changes: {
          accountingSyncCause: null,
          accountingSyncError: null,
          accountingSyncNextAttemptAt: null,
          accountingSyncStatus: 'synced',
        },
        timeline: entry(
          'accounting_synced',
          `Adjusted in accounting to ${formatAmount(payment.amount - payment.amountRefunded, payment.currency)} after a partial refund`,
          { externalId: payment.accountingExternalId },
        ),
      };
    }
    if (outcome.kind === 'reversed') {
      if (action !== 'reverse')
        throw new Error(`Payment ${payment.id} was to be pushed, not reversed`);
      return {
        changes: {
          accountingSyncCause: null,
          accountingSyncError: null,
          accountingSyncNextAttemptAt: null,
          accountingSyncStatus: 'synced',
        },
        timeline: entry('accounting_synced', 'Reversed in accounting', {
          externalId: payment.accountingExternalId,
        }),
      };
    }
    const error = outcome.error.slice(0, 1000);
    const retryAt = outcome.retryable
      ? nextAccountingSyncAttempt(payment.accountingSyncAttempts, now)
      : null;
    const words = ACCOUNTING_SYNC_CAUSE_WORDS[outcome.cause];
    const data = {
      attempt: payment.accountingSyncAttempts,
      cause: outcome.cause,
      error,
      retryAt: retryAt?.toISOString() ?? null,
    };
    const what =
      action === 'reverse'
        ? 'reversal in accounting'
        : action === 'adjust'
          ? 'adjustment in accounting (after a partial refund)'
          : 'sync to accounting';
    return {
      changes: {
        ...(outcome.externalId ? { accountingExternalId: outcome.externalId } : {}),
        accountingSyncCause: outcome.cause,
        accountingSyncError: error,
        accountingSyncNextAttemptAt: retryAt,
        accountingSyncStatus: retryAt ? 'pending' : 'failed',
      },
      timeline: entry(
        'accounting_sync_failed',
        retryAt
          ? `The ${what} failed (${words.label}): ${error}; retrying at ${retryAt.toISOString()}`
          : `The ${what} failed (${words.label}): ${error}`,
        data,
      ),
    };
  }

  private async healthIn(manager: EntityManager, now: Date): Promise<AccountingSyncHealth> {
    const since = new Date(now.getTime() - ACCOUNTING_SYNC_ALERT_WINDOW_DAYS * DAY_MS);
    const counts = await this.payments.accountingSyncCounts(manager, since);
    return {
      alert: accountingSyncFailingAlert({
        failing: counts.failing_recently,
        pushed: counts.pushed_recently,
      }),
      failing: counts.failing,
      failingRecently: counts.failing_recently,
      pending: counts.pending,
      pushedRecently: counts.pushed_recently,
    };
  }
}

function stateOf(payment: Payment): { status: AccountingSyncStatus; action: AccountingSyncAction } {
  return { action: payment.accountingSyncAction, status: payment.accountingSyncStatus };
}
