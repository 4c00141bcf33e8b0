import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Sema } from 'async-sema';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { AccountingPushItem, AccountingSyncService } from '../payments';
import { SettingsService } from '../settings';
import { QuickBooksClient } from './adapters/quickbooks/quickbooks-client';
import {
  pushPayment,
  PushOutcome,
  QuickBooksPaymentPush,
  voidPayment,
} from './adapters/quickbooks/quickbooks-push';
import { Integration } from './integration.entity';
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
    private readonly config: AppConfig,
    private readonly accountingSync: AccountingSyncService,
    private readonly connections: QuickBooksConnections,
    private readonly integrations: IntegrationsService,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly settings: SettingsService,
  ) {}

  /** The job: every due payment, up to the company's concurrency cap at once. */
  async pushDue(now = new Date()): Promise<PushCounts> {
    const counts: PushCounts = { failed: 0, retrying: 0, synced: 0 };
    const integration = await this.integrations.connectedAccounting();
    if (!integration) return counts;
    const client = await this.connections.clientFor(integration);
    const lanes = new Sema(this.config.env.QBO_PUSH_CONCURRENCY);
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const items = await this.accountingSync.claimAccountingPushes(CLAIM_SIZE, now);
      if (items.length === 0) break;
      const pushes = await this.toPushes(integration, items);
      for (const item of items) {
        await lanes.acquire();
        const work = this.pushOne(client, item, pushes.get(item.paymentId) ?? null, counts)
          .catch((error: unknown) =>
            this.logger.error({ err: error, paymentId: item.paymentId }, 'Push failed unexpectedly'),
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
    if (counts.synced + counts.failed + counts.retrying > 0)
      this.logger.log({ integrationId: integration.id, ...counts }, 'Accounting push finished');
    return counts;
  }

  /** After an accounting sync: what staff fixed in QuickBooks (an un-applied credit memo) goes again. */
  recheckAfterSync(): Promise<number> {
    return this.accountingSync.recheckFailed(['credit_memo_applied', 'already_paid_by_hand']);
  }

  private async pushOne(
    client: QuickBooksClient,
    item: AccountingPushItem,
    push: QuickBooksPaymentPush | string,
    counts: PushCounts,
  ): Promise<void> {
    let outcome: PushOutcome;
    if (typeof push === 'string')
      outcome = { cause: 'not_linked', error: push, kind: 'rejected', retryable: false };
    else if (item.action === 'reverse')
      outcome = await voidPayment(client, item.externalId!, `${push.requestId}`);
    else outcome = await pushPayment(client, push);
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction(async (manager) => {
      const state = await this.accountingSync.recordAccountingPush(manager, item.paymentId, outcome);
      if (state === 'synced') counts.synced++;
      else if (state === 'failed') counts.failed++;
      else counts.retrying++;
      if (outcome.kind === 'synced' && item.action === 'push' && typeof push !== 'string')
        await this.invoices.applyAccountingPush(
          manager,
          item.allocations.map((allocation) => ({
            amount: allocation.amount,
            invoiceId: allocation.invoiceId,
            sourceBalance:
              outcome.invoiceBalances.find(
                (b) => b.invoiceId === push.lines.find((l) => l.settleInvoiceId === allocation.invoiceId)?.invoiceId,
              )?.balance ?? null,
          })),
          today,
        );
    });
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
        depositAccountId: integration.settings.depositAccountId ?? null,
        lines: item.allocations.flatMap((a) => {
          const ref = invoices.get(a.invoiceId);
          return ref
            ? [{ amount: a.amount, invoiceId: ref.externalId, number: ref.number, settleInvoiceId: a.invoiceId }]
            : [];
        }),
        note: `Settle payment ${item.reference}`,
        paidOn: item.paidOn,
        paymentMethodId: integration.settings.paymentMethodId ?? null,
        reference: item.reference,
        requestId: item.requestId,
      });
    }
    return pushes;
  }
}
