import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Sema } from 'async-sema';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';

import { ACCOUNTING_SYNC_RECHECK_CAUSES } from '@settle/domain';

import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { AppConfig } from '../../config/app-config';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { AccountingPushItem, AccountingPushOutcome, AccountingSyncService } from '../payments';
import { SettingsService } from '../settings';
import { QuickBooksClient } from './adapters/quickbooks/quickbooks-client';
import {
  adjustPayment,
  createPayment,
  CreatedPayment,
  PushOutcome,
  QuickBooksPaymentPush,
  verifyApplied,
  voidPayment,
} from './adapters/quickbooks/quickbooks-push';
import { Integration, quickBooksSettings } from './integration.entity';
import { IntegrationsService } from './integrations.service';
import { QuickBooksConnections } from './quickbooks-connections.service';

/** A request id's last letter: which way the round goes (push, reverse, adjust). */
const REQUEST_SUFFIX = { adjust: 'a', push: 'p', reverse: 'r' } as const;

/** How many payments one claim takes; the lanes work through them while the next claim waits. */
const CLAIM_SIZE = 200;
/**
 * Outcomes recorded at once across the whole run (each one short transaction): the rest of the
 * connection pool stays free for the claims, so pushing never waits on recording.
 */
const RECORDING_WIDTH = 4;

interface Sent {
  item: AccountingPushItem;
  push: QuickBooksPaymentPush | string;
  answer: CreatedPayment | PushOutcome;
}

export interface PushCounts {
  synced: number;
  failed: number;
  retrying: number;
}

/**
 * Pushes succeeded payments to the accounting package (QuickBooks Online) and reverses refunded
 * or returned ones: a job that claims due payments from the payments module, sends each with its
 * own stable `requestid`, and records what QuickBooks did. When QuickBooks applied a payment, the
 * invoices take QuickBooks' new balance and Settle releases what it was holding on them, in one
 * transaction, so the payable amount never counts the payment twice or not at all.
 */
@Injectable()
export class AccountingPushService {
  private readonly logger = new Logger(AccountingPushService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.sync) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly accountingSync: AccountingSyncService,
    private readonly connections: QuickBooksConnections,
    private readonly integrations: IntegrationsService,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly settings: SettingsService,
  ) {}

  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.pushAccounting,
      {},
      { ...JOB_OPTIONS[JobName.pushAccounting], repeat: { every: 60_000 } },
    );
  }

  /** Soon after an accounting sync: the re-checked payments, and whatever else is due. */
  async queuePush(): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(JobName.pushAccounting, {}, JOB_OPTIONS[JobName.pushAccounting]),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      // The minute's recurring push picks them up.
      this.logger.warn({ err: error }, 'Could not queue an accounting push');
    }
  }

  /**
   * The job: every due payment, up to the company's concurrency cap at once. Payments are claimed
   * a batch at a time; the next batch is claimed once the last of this one has a lane, and a
   * batch's verification (one query per 200 invoices) and recording run beside the next one's
   * pushes, so the lanes stay busy with pushes.
   */
  async pushDue(now = new Date()): Promise<PushCounts> {
    const none: PushCounts = { failed: 0, retrying: 0, synced: 0 };
    const integration = await this.integrations.connectedAccounting();
    if (!integration) return none;
    // One push at a time per company: QuickBooks' cap of 10 requests is the company's, not a job's.
    const counts = await this.integrations.exclusively(integration.id, 'push', () =>
      this.pushAll(integration, now),
    );
    return counts ?? none;
  }

  private async pushAll(integration: Integration, now: Date): Promise<PushCounts> {
    const counts: PushCounts = { failed: 0, retrying: 0, synced: 0 };
    const client = await this.connections.clientFor(integration);
    const lanes = new Sema(this.config.env.QBO_PUSH_CONCURRENCY);
    const inLane = <T>(work: () => Promise<T>): Promise<T> =>
      lanes.acquire().then(() => work().finally(() => lanes.release()));
    const finishing: Promise<void>[] = [];
    const recording = new Sema(RECORDING_WIDTH);
    const lost: string[] = [];
    while (lost.length === 0) {
      const items = await this.accountingSync.claimAccountingPushes(CLAIM_SIZE, now);
      if (items.length === 0) break;
      const pushes = await this.toPushes(integration, items);
      const sent: Promise<Sent>[] = [];
      for (const item of items) {
        const push = pushes.get(item.paymentId)!;
        await lanes.acquire();
        sent.push(
          this.send(client, item, push)
            .then((answer) => ({ answer, item, push }))
            .finally(() => lanes.release()),
        );
      }
      finishing.push(
        Promise.allSettled(sent)
          .then((settled) => this.finish(client, inLane, recording, settled, counts, lost))
          .catch((error: unknown) =>
            // Unrecorded payments stay leased; the push after the lease replays them.
            this.logger.error({ err: error }, 'Could not finish a batch of accounting pushes'),
          ),
      );
      if (items.length < CLAIM_SIZE) break;
    }
    await Promise.all(finishing);
    // QuickBooks refused Settle itself: staff must reconnect; the payments wait (still pending).
    if (lost.length) await this.integrations.markNeedsAttention(integration.id, lost[0]);
    if (counts.synced + counts.failed + counts.retrying > 0)
      this.logger.log({ integrationId: integration.id, ...counts }, 'Accounting push finished');
    return counts;
  }

  /**
   * After an accounting sync: payments that failed for what staff fix in QuickBooks (a credit memo
   * un-applied, a customer or invoice linked since) go again.
   */
  async recheckAfterSync(): Promise<number> {
    return (await this.accountingSync.recheckFailed(ACCOUNTING_SYNC_RECHECK_CAUSES)).length;
  }

  /** A batch's answers: the created payments verified together, then every outcome recorded. */
  private async finish(
    client: QuickBooksClient,
    inLane: <T>(work: () => Promise<T>) => Promise<T>,
    recording: Sema,
    settled: PromiseSettledResult<Sent>[],
    counts: PushCounts,
    lost: string[],
  ): Promise<void> {
    const answered = settled.flatMap((s) => {
      if (s.status === 'fulfilled') return [s.value];
      this.logger.error({ err: s.reason }, 'An accounting push failed unexpectedly');
      return [];
    });
    const created = answered.flatMap(({ answer }) => (answer.kind === 'created' ? [answer] : []));
    const verified = created.length
      ? await inLane(() => verifyApplied(client, created))
      : new Map<string, PushOutcome>();
    await Promise.all(
      answered.map(async ({ answer, item, push }) => {
        await recording.acquire();
        try {
          const outcome =
            answer.kind === 'created'
              ? verified.get(answer.push.requestId)!
              : (answer as PushOutcome);
          if (outcome.kind === 'rejected' && outcome.cause === 'authorization')
            lost.push(outcome.error);
          await this.record(item, push, outcome, counts);
        } finally {
          recording.release();
        }
      }),
    );
  }

  private async record(
    item: AccountingPushItem,
    push: QuickBooksPaymentPush | string,
    outcome: PushOutcome,
    counts: PushCounts,
  ): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    const state = await this.accountingSync.recordAccountingPush(
      item.paymentId,
      toRecorded(outcome, item),
      new Date(),
      async (manager, left) => {
        if (outcome.kind !== 'synced' || typeof push === 'string') return;
        const balanceOf = new Map(outcome.invoiceBalances.map((b) => [b.invoiceId, b.balance]));
        await this.invoices.applyAccountingBalances(
          manager,
          push.lines.map((line) => ({
            invoiceId: line.settleInvoiceId,
            // Settle holds what is left of the payment on the invoice (a refund since released
            // its part); a reversal or an adjustment gives the invoices accounting's balance
            // and holds nothing.
            release:
              item.action === 'push'
                ? Math.min(line.amount, left.get(line.settleInvoiceId) ?? 0)
                : 0,
            sourceBalance: balanceOf.get(line.invoiceId) ?? null,
          })),
          today,
        );
      },
    );
    if (state?.status === 'synced') counts.synced++;
    else if (state?.status === 'failed') counts.failed++;
    else counts.retrying++;
  }

  private send(
    client: QuickBooksClient,
    item: AccountingPushItem,
    push: QuickBooksPaymentPush | string,
  ): Promise<CreatedPayment | PushOutcome> {
    if (typeof push === 'string')
      return Promise.resolve({
        cause: 'not_linked',
        error: push,
        kind: 'rejected',
        retryable: false,
      });
    if (item.action === 'reverse') return voidPayment(client, item.externalId!, push);
    if (item.action === 'adjust') return adjustPayment(client, item.externalId!, push);
    return createPayment(client, push);
  }

  /**
   * Each item in QuickBooks' terms, or the reason it cannot be (no customer or invoice link):
   * the links are read for the whole claim at once.
   */
  private async toPushes(
    integration: Integration,
    items: AccountingPushItem[],
  ): Promise<Map<string, QuickBooksPaymentPush | string>> {
    const manager = this.dataSource.manager;
    const customers = await this.organizations.externalRefs(
      manager,
      [...new Set(items.map((i) => i.organizationId))],
      integration.kind,
    );
    const invoices = await this.invoices.accountingRefs(
      manager,
      [...new Set(items.flatMap((i) => i.allocations.map((a) => a.invoiceId)))],
      integration.kind,
    );
    const settings = quickBooksSettings(integration);
    const pushes = new Map<string, QuickBooksPaymentPush | string>();
    for (const item of items) {
      const customerId = customers.get(item.organizationId);
      if (!customerId) {
        pushes.set(
          item.paymentId,
          'The organization has no QuickBooks customer: map it on the Entities page, then retry.',
        );
        continue;
      }
      if (item.action !== 'push' && !item.externalId) {
        pushes.set(
          item.paymentId,
          `Settle does not know the payment's id in QuickBooks: ${item.action === 'reverse' ? 'reverse it' : 'record the refund'} there by hand, then dismiss syncing.`,
        );
        continue;
      }
      const unlinked = item.allocations.filter((a) => !invoices.has(a.invoiceId));
      if (unlinked.length && item.action === 'push') {
        pushes.set(
          item.paymentId,
          `QuickBooks has no invoice for ${unlinked.length === 1 ? 'one of its invoices' : `${unlinked.length} of its invoices`}: sync QuickBooks or record the payment by hand, then dismiss syncing.`,
        );
        continue;
      }
      pushes.set(item.paymentId, {
        amount: item.amount,
        currency: item.currency,
        customerId,
        depositAccountId: settings.depositAccountId,
        lines: item.allocations.flatMap((a) => {
          const ref = invoices.get(a.invoiceId);
          return ref
            ? [
                {
                  amount: a.amount,
                  invoiceId: ref.externalId,
                  number: ref.number,
                  settleInvoiceId: a.invoiceId,
                },
              ]
            : [];
        }),
        note: `Settle payment ${item.number}, gateway reference ${item.reference}`,
        paidOn: item.paidOn,
        paymentMethodId: settings.paymentMethodId,
        // what staff look the payment up by in both systems (QuickBooks keeps 21 characters)
        reference: item.number,
        // QuickBooks keeps a requestid per company: the round's key, and which way it goes.
        requestId: `${item.requestKey}-${REQUEST_SUFFIX[item.action]}`,
      });
    }
    return pushes;
  }
}

function toRecorded(outcome: PushOutcome, item: AccountingPushItem): AccountingPushOutcome {
  if (outcome.kind === 'synced')
    return item.action === 'reverse'
      ? { kind: 'reversed' }
      : item.action === 'adjust'
        ? { amount: item.amount, kind: 'adjusted' }
        : { amount: item.amount, externalId: outcome.externalId, kind: 'synced' };
  return {
    cause: outcome.cause,
    error: outcome.error,
    ...(outcome.externalId ? { externalId: outcome.externalId } : {}),
    kind: 'failed',
    retryable: outcome.retryable,
  };
}
