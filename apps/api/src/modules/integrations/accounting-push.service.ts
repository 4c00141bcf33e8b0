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
  pushPayment,
  PushOutcome,
  QuickBooksPaymentPush,
  voidPayment,
} from './adapters/quickbooks/quickbooks-push';
import { Integration, quickBooksSettings } from './integration.entity';
import { IntegrationsService } from './integrations.service';
import { QuickBooksConnections } from './quickbooks-connections.service';

/** How many payments one claim takes; the lanes work through them while the next claim waits. */
const CLAIM_SIZE = 100;

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

  /** The job: every due payment, up to the company's concurrency cap at once. */
  async pushDue(now = new Date()): Promise<PushCounts> {
    const counts: PushCounts = { failed: 0, retrying: 0, synced: 0 };
    const integration = await this.integrations.connectedAccounting();
    if (!integration) return counts;
    const client = await this.connections.clientFor(integration);
    const lanes = new Sema(this.config.env.QBO_PUSH_CONCURRENCY);
    const inFlight = new Set<Promise<void>>();
    let lostAccess: string | null = null;
    while (lostAccess === null) {
      const items = await this.accountingSync.claimAccountingPushes(CLAIM_SIZE, now);
      if (items.length === 0) break;
      const pushes = await this.toPushes(integration, items);
      for (const item of items) {
        await lanes.acquire();
        const work = this.pushOne(client, item, pushes.get(item.paymentId)!, counts)
          .then((outcome) => {
            if (outcome.kind === 'rejected' && outcome.cause === 'authorization')
              lostAccess = outcome.error;
          })
          .catch((error: unknown) =>
            this.logger.error(
              { err: error, paymentId: item.paymentId },
              'Push failed unexpectedly',
            ),
          )
          .finally(() => {
            lanes.release();
            inFlight.delete(work);
          });
        inFlight.add(work);
      }
      if (items.length < CLAIM_SIZE) break;
    }
    await Promise.all(inFlight);
    // QuickBooks refused Settle itself: staff must reconnect; the payments wait (still pending).
    if (lostAccess !== null) await this.integrations.markNeedsAttention(integration.id, lostAccess);
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

  private async pushOne(
    client: QuickBooksClient,
    item: AccountingPushItem,
    push: QuickBooksPaymentPush | string,
    counts: PushCounts,
  ): Promise<PushOutcome> {
    const outcome = await this.send(client, item, push);
    const { today } = await this.settings.mspCalendar();
    const state = await this.accountingSync.recordAccountingPush(
      item.paymentId,
      toRecorded(outcome, item),
      new Date(),
      async (manager) => {
        if (outcome.kind !== 'synced' || typeof push === 'string') return;
        const balanceOf = new Map(outcome.invoiceBalances.map((b) => [b.invoiceId, b.balance]));
        await this.invoices.applyAccountingBalances(
          manager,
          push.lines.map((line) => ({
            invoiceId: line.settleInvoiceId,
            // a reversal gives the invoices back to accounting's balance and holds nothing
            release: item.action === 'push' ? line.amount : 0,
            sourceBalance: balanceOf.get(line.invoiceId) ?? null,
          })),
          today,
        );
      },
    );
    if (state?.status === 'synced') counts.synced++;
    else if (state?.status === 'failed') counts.failed++;
    else counts.retrying++;
    return outcome;
  }

  private send(
    client: QuickBooksClient,
    item: AccountingPushItem,
    push: QuickBooksPaymentPush | string,
  ): Promise<PushOutcome> {
    if (typeof push === 'string')
      return Promise.resolve({
        cause: 'not_linked',
        error: push,
        kind: 'rejected',
        retryable: false,
      });
    if (item.action === 'reverse') return voidPayment(client, item.externalId!, push);
    return pushPayment(client, push);
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
      if (item.action === 'reverse' && !item.externalId) {
        pushes.set(
          item.paymentId,
          "Settle does not know the payment's id in QuickBooks: reverse it there by hand, then dismiss syncing.",
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
        note: `Settle payment ${item.number} (${item.reference})`,
        paidOn: item.paidOn,
        paymentMethodId: settings.paymentMethodId,
        reference: item.reference,
        // QuickBooks keeps a requestid per company: the round's key, and which way it goes.
        requestId: `${item.requestKey}-${item.action === 'reverse' ? 'r' : 'p'}`,
      });
    }
    return pushes;
  }
}

function toRecorded(outcome: PushOutcome, item: AccountingPushItem): AccountingPushOutcome {
  if (outcome.kind === 'synced')
    return item.action === 'reverse'
      ? { kind: 'reversed' }
      : { externalId: outcome.externalId, kind: 'synced' };
  return {
    cause: outcome.cause,
    error: outcome.error,
    ...(outcome.externalId ? { externalId: outcome.externalId } : {}),
    kind: 'failed',
    retryable: outcome.retryable,
  };
}
