import { forwardRef, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accountingCountsPayment, describeReturnCode, holdsInvoiceBalance } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, SYSTEM_ACTOR } from '../../common/auth-context';
import {
  ChargeOutcome,
  GatewayRegistry,
  GatewayRejectedError,
  PaymentSettingsService,
  SettlementStatus,
} from '../gateways';
import { OutboxService } from '../outbox';
import { PaymentMethod, PaymentMethodsService } from '../payment-methods';
import { SettingsService } from '../settings';
import { AchReturnsRepository } from './ach-returns.repository';
import { PaymentAttempt } from './payment-attempt.entity';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { newAttempt, paymentNumber, PaymentLedger, TimelineEntry } from './payment-ledger';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { Payment } from './payment.entity';
import { PaymentsRepository } from './payments.repository';

/** Settlement checks ask the gateway about this many submitted debits per page. */
const SETTLEMENT_PAGE = 100;

/** What charging an attempt needs, as its caller read (and locked) it. */
export interface ChargeContext {
  payment: Payment;
  method: PaymentMethod;
  attempt: PaymentAttempt;
}

/**
 * Talks to the gateway for payments and applies what it says. Every outcome is applied under the
 * payment's row lock and only if the payment is still waiting for it, so a late or repeated
 * answer (reconciler, webhook, second worker) changes nothing twice.
 */
@Injectable()
export class PaymentRunnerService {
  private readonly logger = new Logger(PaymentRunnerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly attempts: PaymentAttemptsRepository,
    private readonly achReturns: AchReturnsRepository,
    private readonly gateways: GatewayRegistry,
    private readonly ledger: PaymentLedger,
    private readonly methods: PaymentMethodsService,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
    private readonly paymentSettings: PaymentSettingsService,
    @Inject(forwardRef(() => PaymentSchedulerService))
    private readonly scheduler: PaymentSchedulerService,
  ) {}

  /**
   * Sends the payment's open attempt to the gateway (or asks again about an unknown one, or one
   * whose sender died: the same key can only ever find the same charge) and applies the answer.
   */
  async charge(
    paymentId: string,
    actor: Actor = SYSTEM_ACTOR,
    options: { askingAgain?: boolean } = {},
  ): Promise<void> {
    const manager = this.dataSource.manager;
    const attempt = await this.attempts.latestOf(manager, paymentId);
    if (!attempt || (attempt.state !== 'pending' && attempt.state !== 'unknown')) return;
    const payment = await this.payments.findById(manager, paymentId);
    const method = payment && (await this.methods.ofPayment(manager, payment.paymentMethodId));
    if (!payment || !method) return;
    await this.chargeAttempt({ attempt, method, payment }, actor, options);
  }

  /** The same, for a caller that has just written the attempt and holds what it needs. */
  async chargeAttempt(
    charge: ChargeContext,
    actor: Actor = SYSTEM_ACTOR,
    options: { askingAgain?: boolean } = {},
  ): Promise<void> {
    const { attempt, method, payment } = charge;
    const gateway = this.gateways.byName(payment.gateway);
    const asking = attempt.state === 'unknown' || options.askingAgain === true;
    // Written with the answer, at the time it was sent: one statement fewer per charge.
    const sent: TimelineEntry = {
      actor,
      at: new Date(),
      data: { attempt: attempt.attemptNumber, idempotencyKey: attempt.gatewayIdempotencyKey },
      summary: asking
        ? `Asked ${gateway.name} again about attempt ${attempt.attemptNumber} (same idempotency key)`
        : `Attempt ${attempt.attemptNumber} sent to ${gateway.name}`,
      type: asking ? 'reconciled' : 'attempt_sent',
    };
    let outcome: ChargeOutcome;
    try {
      outcome = await gateway.charge({
        amount: payment.total,
        currency: payment.currency,
        customerRef: method.gatewayCustomerRef,
        description: `Settle ${paymentNumber(payment.sequence)}`,
        idempotencyKey: attempt.gatewayIdempotencyKey,
        metadata: { settle_attempt: String(attempt.attemptNumber), settle_payment_id: payment.id },
        paymentMethodRef: method.gatewayRef,
        type: method.type,
      });
    } catch (error) {
      if (error instanceof GatewayRejectedError) {
        outcome = { code: error.code, gatewayRef: null, message: error.message, status: 'failed' };
      } else {
        // Timeout, 5xx, lost connection, or our own crash mid-call: the charge may exist.
        await this.markUnknown(attempt, payment.id, error, sent);
        await this.scheduler.enqueueReconcile(payment.id);
        return;
      }
    }
    await this.applyChargeOutcome(charge, outcome, sent);
  }

  /** The reconcile job: asks again, and fails (so Bull retries) while the answer is still unknown. */
  async reconcile(paymentId: string): Promise<{ state: string } | null> {
    await this.charge(paymentId);
    const attempt = await this.attempts.latestOf(this.dataSource.manager, paymentId);
    if (attempt?.state === 'unknown') throw new Error('Gateway outcome still unknown');
    return attempt && { state: attempt.state };
  }

  /**
   * Runs a due scheduled payment once: balances are re-checked now (an invoice paid meanwhile
   * is not charged again), then the charge goes out like any other.
   */
  async runScheduled(paymentId: string): Promise<'charged' | 'skipped' | 'cancelled' | 'failed'> {
    const { today } = await this.settings.mspCalendar();
    const feePolicy = await this.paymentSettings.feePolicy();
    let charge: ChargeContext | null = null;
    const result = await this.dataSource.transaction(async (manager) => {
      const outcome = await this.ledger.withPaymentLock(manager, paymentId, async (locked) => {
        const { payment, allocations, invoices } = locked;
        if (payment.status !== 'scheduled' || (payment.scheduledFor ?? '') > today)
          return 'skipped' as const;
        const method = await this.methods.ofPayment(manager, payment.paymentMethodId);
        if (!method || method.status !== 'active' || method.removedAt) {
          const message = `The payment method is ${!method || method.removedAt ? 'removed' : method.status}`;
          await this.ledger.transition(
            manager,
            payment,
            'failed',
            {
              failureCode: 'payment_method_unavailable',
              failureMessage: message,
              processedAt: new Date(),
            },
            { timeline: [{ actor: 'Settle', summary: `Not charged: ${message}`, type: 'failed' }] },
          );
          await this.outbox.add(
            manager,
            'payment.failed',
            { id: paymentId, type: 'payment' },
            {
              code: 'payment_method_unavailable',
              organizationId: payment.organizationId,
              paymentId,
            },
          );
          return 'failed' as const;
        }
        const reduced: { invoiceId: string; from: number; to: number }[] = [];
        for (const allocation of allocations) {
          const invoice = invoices.get(allocation.invoiceId)!;
          const payable =
            invoice.status === 'open' ? Math.min(allocation.amount, invoice.openBalance) : 0;
          if (payable < allocation.amount) {
            reduced.push({ from: allocation.amount, invoiceId: allocation.invoiceId, to: payable });
            allocation.amount = payable;
            await this.payments.setAllocationAmount(
              manager,
              paymentId,
              allocation.invoiceId,
              payable,
            );
          }
        }
        const amount = allocations.reduce((sum, a) => sum + a.amount, 0);
        const adjusted: TimelineEntry[] = reduced.length
          ? [
              {
                actor: 'Settle',
                data: { reduced },
                summary: 'Reduced at run time: part of the invoices was paid meanwhile',
                type: 'adjusted',
              },
            ]
          : [];
        if (amount === 0) {
          await this.ledger.transition(
            manager,
            payment,
            'cancelled',
            { amount: 0, fee: 0, total: 0 },
            {
              timeline: [
                ...adjusted,
                {
                  actor: 'Settle',
                  summary: 'Cancelled: nothing is owed on its invoices any more',
                  type: 'cancelled',
                },
              ],
            },
          );
          await this.outbox.add(
            manager,
            'payment.cancelled',
            { id: paymentId, type: 'payment' },
            { paymentId, reason: 'nothing_owed' },
          );
          return 'cancelled' as const;
        }
        // At the rate in force on the run date, like any payment made that day.
        const fee = await this.ledger.feeFor(manager, payment, amount, feePolicy);
        const attempt = await this.ledger.transition(
          manager,
          payment,
          'processing',
          { amount, fee, total: amount + fee },
          { attempt: newAttempt(paymentId, 1, amount + fee), timeline: adjusted },
        );
        await this.ledger.shiftPending(
          manager,
          allocations.map((a) => ({ amount: a.amount, invoiceId: a.invoiceId })),
          today,
          invoices,
        );
        charge = { attempt: attempt!, method, payment };
        return 'charged' as const;
      });
      return outcome ?? ('skipped' as const);
    });
    if (charge) await this.chargeAttempt(charge);
    return result;
  }

  /** Asks the gateway where every submitted bank debit stands, a page at a time. */
  async checkSettlements(): Promise<Record<string, number>> {
    const results: Record<string, number> = {};
    let after: string | null = null;
    for (;;) {
      const page = await this.payments.awaitingSettlement(
        this.dataSource.manager,
        after,
        SETTLEMENT_PAGE,
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      // The gateway limiter bounds how many of these are asked at once.
      const statuses = await Promise.allSettled(page.map((p) => this.checkSettlement(p)));
      statuses.forEach((status, index) => {
        if (status.status === 'fulfilled') {
          results[status.value] = (results[status.value] ?? 0) + 1;
        } else {
          this.logger.warn(
            { err: status.reason, paymentId: page[index].id },
            'Settlement check failed; the next run retries',
          );
          results.error = (results.error ?? 0) + 1;
        }
      });
    }
    return results;
  }

  /** Applies a bank debit's settlement, in its own transaction. */
  async applySettled(paymentId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.applySettledIn(manager, paymentId));
  }

  /** The same inside the caller's transaction (a webhook stores its event in the same one). */
  async applySettledIn(manager: EntityManager, paymentId: string): Promise<void> {
    await this.ledger.withPaymentLock(
      manager,
      paymentId,
      async ({ payment }) => {
        if (payment.status !== 'processing') return;
        await this.ledger.transition(
          manager,
          payment,
          'succeeded',
          { settledAt: new Date() },
          { timeline: [{ actor: 'Settle', summary: 'Bank debit settled', type: 'settled' }] },
        );
        await this.attempts.resolveAll(manager, paymentId, ['processing'], { state: 'succeeded' });
        await this.succeeded(manager, payment, null);
      },
      { invoices: false },
    );
  }

  /**
   * The bank sent a debit back: the invoices owe it again, the method may lock, and staff get
   * an unresolved return to look at.
   */
  async applyReturn(paymentId: string, returnCode: string, message: string): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction((manager) =>
      this.applyReturnIn(manager, paymentId, { message, returnCode, today }),
    );
  }

  async applyReturnIn(
    manager: EntityManager,
    paymentId: string,
    bank: { returnCode: string; message: string; today: string },
  ): Promise<void> {
    await this.ledger.withPaymentLock(manager, paymentId, async (locked) => {
      const { payment } = locked;
      // Only money that was holding the invoices can come back.
      if (!holdsInvoiceBalance(payment.status)) return;
      // Once accounting counts the payment, its invoices already show it and Settle holds nothing.
      const held = !accountingCountsPayment(
        payment.accountingSyncStatus,
        payment.accountingSyncAction,
      );
      const { returnCode } = bank;
      const description = describeReturnCode(returnCode) ?? bank.message;
      await this.ledger.transition(
        manager,
        payment,
        'returned',
        { failureCode: returnCode, failureMessage: description, returnCode },
        {
          timeline: [
            {
              actor: 'Settle',
              data: { returnCode },
              summary: `Returned by the bank: ${returnCode} ${description}`,
              type: 'returned',
            },
          ],
        },
      );
      await this.attempts.resolveAll(manager, paymentId, ['processing', 'succeeded'], {
        failureCode: returnCode,
        state: 'failed',
      });
      if (held) await this.ledger.releaseAllocations(manager, locked, bank.today);
      await this.methods.recordChargeOutcome(manager, payment.paymentMethodId, {
        code: returnCode,
        succeeded: false,
      });
      await this.achReturns.insert(manager, {
        amount: payment.amount - payment.amountRefunded,
        currency: payment.currency,
        description,
        organizationId: payment.organizationId,
        paymentId,
        returnCode,
      });
      await this.outbox.add(
        manager,
        'payment.returned',
        { id: paymentId, type: 'payment' },
        { organizationId: payment.organizationId, paymentId, returnCode },
      );
    });
  }

  private async applyChargeOutcome(
    charge: ChargeContext,
    outcome: ChargeOutcome,
    sent: TimelineEntry,
  ): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    const paymentId = charge.payment.id;
    const { attempt } = charge;
    await this.dataSource.transaction((manager) =>
      this.ledger.withPaymentLock(
        manager,
        paymentId,
        async (locked) => {
          const { payment } = locked;
          const answered =
            payment.status === 'processing' &&
            (await this.attempts.recordAnswer(manager, attempt.id, {
              failureCode: outcome.status === 'failed' ? outcome.code : null,
              failureMessage: outcome.status === 'failed' ? outcome.message : null,
              gatewayRef: outcome.gatewayRef,
              state: outcome.status,
            }));
          // A late or repeated answer changes nothing; the request it answers is still recorded.
          if (!answered) return this.ledger.record(manager, paymentId, [sent]);
          const response: TimelineEntry = {
            actor: payment.gateway,
            data: { ...outcome, attempt: attempt.attemptNumber },
            summary: describeOutcome(outcome),
            type: 'gateway_response',
          };
          if (outcome.status === 'succeeded') {
            const now = new Date();
            await this.ledger.transition(
              manager,
              payment,
              'succeeded',
              { gatewayPaymentRef: outcome.gatewayRef, processedAt: now, settledAt: now },
              {
                timeline: [
                  sent,
                  response,
                  {
                    actor: 'Settle',
                    summary: `Paid ${paymentNumber(payment.sequence)}`,
                    type: 'succeeded',
                  },
                ],
              },
            );
            await this.succeeded(manager, payment, charge.method);
          } else if (outcome.status === 'processing') {
            await this.payments.update(manager, paymentId, {
              gatewayPaymentRef: outcome.gatewayRef,
              processedAt: new Date(),
            });
            await this.ledger.record(manager, paymentId, [
              sent,
              response,
              {
                actor: 'Settle',
                summary: 'Bank debit submitted; waiting for it to settle',
                type: 'submitted',
              },
            ]);
          } else {
            await this.ledger.transition(
              manager,
              payment,
              'failed',
              {
                failureCode: outcome.code,
                failureMessage: outcome.message,
                gatewayPaymentRef: outcome.gatewayRef,
                processedAt: new Date(),
              },
              {
                timeline: [
                  sent,
                  response,
                  {
                    actor: 'Settle',
                    data: { code: outcome.code },
                    summary: `Failed: ${outcome.message}`,
                    type: 'failed',
                  },
                ],
              },
            );
            await this.ledger.releaseAllocations(manager, locked, today);
            await this.methods.recordChargeOutcome(manager, payment.paymentMethodId, {
              code: outcome.code,
              succeeded: false,
            });
            await this.outbox.add(
              manager,
              'payment.failed',
              { id: paymentId, type: 'payment' },
              { code: outcome.code, organizationId: payment.organizationId, paymentId },
            );
          }
        },
        // Only a decline gives money back to the invoices; other answers leave them alone.
        { invoices: outcome.status === 'failed' },
      ),
    );
  }

  private async checkSettlement(payment: {
    id: string;
    gateway: 'sandbox' | 'stripe';
    gatewayPaymentRef: string;
  }): Promise<SettlementStatus['status']> {
    const status = await this.gateways
      .byName(payment.gateway)
      .settlement(payment.gatewayPaymentRef);
    if (status.status === 'succeeded') await this.applySettled(payment.id);
    if (status.status === 'returned')
      await this.applyReturn(payment.id, status.returnCode, status.message);
    return status.status;
  }

  /**
   * What every success shares: the method's failure count resets (`method` is the caller's copy,
   * when it has one), and the outbox announces it.
   */
  private async succeeded(
    manager: EntityManager,
    payment: Payment,
    method: PaymentMethod | null,
  ): Promise<void> {
    await this.methods.recordChargeOutcome(
      manager,
      payment.paymentMethodId,
      { succeeded: true },
      method,
    );
    await this.outbox.add(
      manager,
      'payment.succeeded',
      { id: payment.id, type: 'payment' },
      {
        organizationId: payment.organizationId,
        paymentId: payment.id,
        receiptRecipients: payment.receiptRecipients,
      },
    );
  }

  private async markUnknown(
    attempt: Pick<PaymentAttempt, 'id'>,
    paymentId: string,
    error: unknown,
    sent: TimelineEntry,
  ): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { attemptId: attempt.id, err: error, paymentId },
      'Gateway outcome unknown; will ask again',
    );
    await this.dataSource.transaction(async (manager) => {
      await this.attempts.markUnknown(manager, attempt.id, message.slice(0, 500));
      await this.ledger.record(manager, paymentId, [
        sent,
        {
          actor: 'Settle',
          summary: `No clear answer from the gateway (${message.slice(0, 200)}); asking again before anything else`,
          type: 'outcome_unknown',
        },
      ]);
    });
  }
}

function describeOutcome(outcome: ChargeOutcome): string {
  if (outcome.status === 'succeeded') return `Gateway: succeeded (${outcome.gatewayRef})`;
  if (outcome.status === 'processing') return `Gateway: processing (${outcome.gatewayRef})`;
  return `Gateway: declined — ${outcome.code}: ${outcome.message}`;
}
