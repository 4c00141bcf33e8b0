import { forwardRef, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { describeReturnCode, nextMethodState } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, SYSTEM_ACTOR } from '../../common/auth-context';
import { GatewayRegistry } from '../gateways/gateway-registry';
import { ChargeOutcome, GatewayRejectedError, SettlementStatus } from '../gateways/payment-gateway';
import { OutboxService } from '../outbox/outbox.service';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { SettingsService } from '../settings/settings.service';
import { AchReturn } from './ach-return.entity';
import { PaymentAttempt } from './payment-attempt.entity';
import { paymentNumber, PaymentLedger } from './payment-ledger';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { Payment } from './payment.entity';
import { PaymentAllocation } from './payment-allocation.entity';

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
    private readonly gateways: GatewayRegistry,
    private readonly ledger: PaymentLedger,
    private readonly outbox: OutboxService,
    private readonly settings: SettingsService,
    @Inject(forwardRef(() => PaymentSchedulerService))
    private readonly scheduler: PaymentSchedulerService,
  ) {}

  /** Recorded before the gateway is called; its key is what the gateway dedupes on. */
  async addAttempt(
    manager: EntityManager,
    paymentId: string,
    attemptNumber: number,
    amount: number,
  ) {
    await manager.getRepository(PaymentAttempt).insert({
      amount,
      attemptNumber,
      createdAt: new Date(),
      gatewayIdempotencyKey: `settle-payment-${paymentId}-${attemptNumber}`,
      paymentId,
      state: 'pending',
    });
  }

  /**
   * Sends the payment's open attempt to the gateway (or asks again about an unknown one: the
   * same key can only ever find the same charge) and applies the answer.
   */
  async charge(paymentId: string, actor: Actor = SYSTEM_ACTOR): Promise<void> {
    const attempt = await this.dataSource.getRepository(PaymentAttempt).findOne({
      order: { attemptNumber: 'DESC' },
      where: { paymentId },
    });
    if (!attempt || (attempt.state !== 'pending' && attempt.state !== 'unknown')) return;
    const [payment] = await this.dataSource.query(
      `SELECT p.id, p.sequence, p.currency, p.total, p.gateway, p.organization_id, m.gateway_ref, m.gateway_customer_ref, m.type
         FROM payments p JOIN payment_methods m ON m.id = p.payment_method_id WHERE p.id = $1`,
      [paymentId],
    );
    const gateway = this.gateways.byName(payment.gateway);
    const asking = attempt.state === 'unknown';
    await this.ledger.event(
      this.dataSource.manager,
      paymentId,
      asking ? 'reconciled' : 'attempt_sent',
      actor,
      asking
        ? `Asked ${gateway.name} again about attempt ${attempt.attemptNumber} (same idempotency key)`
        : `Attempt ${attempt.attemptNumber} sent to ${gateway.name}`,
      { attempt: attempt.attemptNumber, idempotencyKey: attempt.gatewayIdempotencyKey },
    );
    let outcome: ChargeOutcome;
    try {
      outcome = await gateway.charge({
        amount: Number(payment.total),
        currency: payment.currency,
        customerRef: payment.gateway_customer_ref,
        description: `Settle ${paymentNumber(payment.sequence)}`,
        idempotencyKey: attempt.gatewayIdempotencyKey,
        metadata: { settle_attempt: String(attempt.attemptNumber), settle_payment_id: paymentId },
        paymentMethodRef: payment.gateway_ref,
        type: payment.type,
      });
    } catch (error) {
      if (error instanceof GatewayRejectedError) {
        outcome = { code: error.code, gatewayRef: null, message: error.message, status: 'failed' };
      } else {
        // Timeout, 5xx, lost connection, or our own crash mid-call: the charge may exist.
        await this.markUnknown(attempt.id, paymentId, error);
        await this.scheduler.enqueueReconcile(paymentId);
        return;
      }
    }
    await this.applyChargeOutcome(paymentId, attempt.id, outcome);
  }

  async applyChargeOutcome(
    paymentId: string,
    attemptId: string,
    outcome: ChargeOutcome,
  ): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction(async (manager) => {
      const payment = await this.ledger.lockPayment(manager, paymentId);
      const attempt = await manager
        .getRepository(PaymentAttempt)
        .findOneByOrFail({ id: attemptId });
      if (payment?.status !== 'processing' || !['pending', 'unknown'].includes(attempt.state))
        return;
      await manager.getRepository(PaymentAttempt).update(attemptId, {
        failureCode: outcome.status === 'failed' ? outcome.code : null,
        failureMessage: outcome.status === 'failed' ? outcome.message : null,
        gatewayRef: outcome.gatewayRef,
        respondedAt: new Date(),
        state: outcome.status,
      });
      await this.ledger.event(
        manager,
        paymentId,
        'gateway_response',
        payment.gateway,
        describeOutcome(outcome),
        {
          ...outcome,
          attempt: attempt.attemptNumber,
        },
      );
      if (outcome.status === 'succeeded') {
        await manager.getRepository(Payment).update(paymentId, {
          gatewayPaymentRef: outcome.gatewayRef,
          processedAt: new Date(),
          settledAt: new Date(),
          status: 'succeeded',
        });
        await this.methodOutcome(manager, payment.paymentMethodId, { succeeded: true });
        await this.ledger.event(
          manager,
          paymentId,
          'succeeded',
          'Settle',
          `Paid ${paymentNumber(payment.sequence)}`,
        );
        await this.outbox.add(
          manager,
          'payment.succeeded',
          { id: paymentId, type: 'payment' },
          {
            organizationId: payment.organizationId,
            paymentId,
            receiptRecipients: payment.receiptRecipients,
          },
        );
      } else if (outcome.status === 'processing') {
        await manager.getRepository(Payment).update(paymentId, {
          gatewayPaymentRef: outcome.gatewayRef,
          processedAt: new Date(),
        });
        await this.ledger.event(
          manager,
          paymentId,
          'submitted',
          'Settle',
          'Bank debit submitted; waiting for it to settle',
        );
      } else {
        await manager.getRepository(Payment).update(paymentId, {
          failureCode: outcome.code,
          failureMessage: outcome.message,
          gatewayPaymentRef: outcome.gatewayRef,
          processedAt: new Date(),
          status: 'failed',
        });
        await this.releaseAllocations(manager, payment, today);
        await this.methodOutcome(manager, payment.paymentMethodId, {
          code: outcome.code,
          succeeded: false,
        });
        await this.ledger.event(
          manager,
          paymentId,
          'failed',
          'Settle',
          `Failed: ${outcome.message}`,
          {
            code: outcome.code,
          },
        );
        await this.outbox.add(
          manager,
          'payment.failed',
          { id: paymentId, type: 'payment' },
          {
            code: outcome.code,
            organizationId: payment.organizationId,
            paymentId,
          },
        );
      }
    });
  }

  /**
   * Runs a due scheduled payment once: balances are re-checked now (an invoice paid meanwhile
   * is not charged again), then the charge goes out like any other.
   */
  async runScheduled(paymentId: string): Promise<'charged' | 'skipped' | 'cancelled' | 'failed'> {
    const { today } = await this.settings.mspCalendar();
    const result = await this.dataSource.transaction(async (manager) => {
      const payment = await this.ledger.lockPayment(manager, paymentId);
      if (payment?.status !== 'scheduled' || (payment.scheduledFor ?? '') > today) return 'skipped';
      const method = await manager
        .getRepository(PaymentMethod)
        .findOneByOrFail({ id: payment.paymentMethodId });
      if (method.status !== 'active' || method.removedAt) {
        const message = `The payment method is ${method.removedAt ? 'removed' : method.status}`;
        await manager.getRepository(Payment).update(paymentId, {
          failureCode: 'payment_method_unavailable',
          failureMessage: message,
          processedAt: new Date(),
          status: 'failed',
        });
        await this.ledger.event(manager, paymentId, 'failed', 'Settle', `Not charged: ${message}`);
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
        return 'failed';
      }
      const allocations = await manager.getRepository(PaymentAllocation).find({
        order: { position: 'ASC' },
        where: { paymentId },
      });
      const invoices = await this.ledger.lockInvoices(
        manager,
        allocations.map((a) => a.invoiceId),
        false,
      );
      const reduced: { invoiceId: string; from: number; to: number }[] = [];
      for (const allocation of allocations) {
        const invoice = invoices.get(allocation.invoiceId)!;
        const payable =
          invoice.status === 'open' ? Math.min(allocation.amount, invoice.open_balance) : 0;
        if (payable < allocation.amount) {
          reduced.push({ from: allocation.amount, invoiceId: allocation.invoiceId, to: payable });
          allocation.amount = payable;
          await manager.getRepository(PaymentAllocation).update(allocation.id, { amount: payable });
        }
      }
      const amount = allocations.reduce((sum, a) => sum + a.amount, 0);
      if (reduced.length)
        await this.ledger.event(
          manager,
          paymentId,
          'adjusted',
          'Settle',
          'Reduced at run time: part of the invoices was paid meanwhile',
          { reduced },
        );
      if (amount === 0) {
        await manager
          .getRepository(Payment)
          .update(paymentId, { amount: 0, fee: 0, status: 'cancelled', total: 0 });
        await this.ledger.event(
          manager,
          paymentId,
          'cancelled',
          'Settle',
          'Cancelled: nothing is owed on its invoices any more',
        );
        await this.outbox.add(
          manager,
          'payment.cancelled',
          { id: paymentId, type: 'payment' },
          {
            paymentId,
            reason: 'nothing_owed',
          },
        );
        return 'cancelled';
      }
      const fee = await this.ledger.feeFor(manager, paymentId, amount);
      await manager
        .getRepository(Payment)
        .update(paymentId, { amount, fee, status: 'processing', total: amount + fee });
      await this.ledger.shiftPending(
        manager,
        payment.organizationId,
        allocations.map((a) => ({ amount: a.amount, invoiceId: a.invoiceId })),
        today,
      );
      await this.addAttempt(manager, paymentId, 1, amount + fee);
      return 'charged';
    });
    if (result === 'charged') await this.charge(paymentId);
    return result;
  }

  /** Asks the gateway where a submitted bank debit stands and applies a final answer. */
  async checkSettlement(paymentId: string): Promise<SettlementStatus['status'] | 'not-waiting'> {
    const [payment] = await this.dataSource.query(
      `SELECT p.gateway, p.gateway_payment_ref FROM payments p
        WHERE p.id = $1 AND p.status = 'processing' AND p.gateway_payment_ref IS NOT NULL`,
      [paymentId],
    );
    if (!payment) return 'not-waiting';
    const status = await this.gateways
      .byName(payment.gateway)
      .settlement(payment.gateway_payment_ref);
    if (status.status === 'succeeded') await this.applySettled(paymentId);
    if (status.status === 'returned')
      await this.applyReturn(paymentId, status.returnCode, status.message);
    return status.status;
  }

  async applySettled(paymentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const payment = await this.ledger.lockPayment(manager, paymentId);
      if (payment?.status !== 'processing') return;
      await manager
        .getRepository(Payment)
        .update(paymentId, { settledAt: new Date(), status: 'succeeded' });
      await manager.query(
        `UPDATE payment_attempts SET state = 'succeeded', responded_at = now()
          WHERE payment_id = $1 AND state = 'processing'`,
        [paymentId],
      );
      await this.methodOutcome(manager, payment.paymentMethodId, { succeeded: true });
      await this.ledger.event(manager, paymentId, 'settled', 'Settle', 'Bank debit settled');
      await this.outbox.add(
        manager,
        'payment.succeeded',
        { id: paymentId, type: 'payment' },
        {
          organizationId: payment.organizationId,
          paymentId,
          receiptRecipients: payment.receiptRecipients,
        },
      );
    });
  }

  /**
   * The bank sent a debit back: the invoices owe it again, the method may lock, and staff get
   * an unresolved return to look at.
   */
  async applyReturn(paymentId: string, returnCode: string, message: string): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction(async (manager) => {
      const payment = await this.ledger.lockPayment(manager, paymentId);
      if (payment?.status !== 'processing' && payment?.status !== 'succeeded') return;
      const description = describeReturnCode(returnCode) ?? message;
      await manager.getRepository(Payment).update(paymentId, {
        failureCode: returnCode,
        failureMessage: description,
        returnCode,
        status: 'returned',
      });
      await manager.query(
        `UPDATE payment_attempts SET state = 'failed', failure_code = $2, responded_at = now()
          WHERE payment_id = $1 AND state IN ('processing', 'succeeded')`,
        [paymentId, returnCode],
      );
      await this.releaseAllocations(manager, payment, today);
      await this.methodOutcome(manager, payment.paymentMethodId, {
        code: returnCode,
        succeeded: false,
      });
      await manager.getRepository(AchReturn).insert({
        amount: payment.amount - payment.amountRefunded,
        currency: payment.currency,
        description,
        organizationId: payment.organizationId,
        paymentId,
        returnCode,
      });
      await this.ledger.event(
        manager,
        paymentId,
        'returned',
        'Settle',
        `Returned by the bank: ${returnCode} ${description}`,
        {
          returnCode,
        },
      );
      await this.outbox.add(
        manager,
        'payment.returned',
        { id: paymentId, type: 'payment' },
        {
          organizationId: payment.organizationId,
          paymentId,
          returnCode,
        },
      );
    });
  }

  /** Gives the invoices back what this payment (less its refunds) had taken off them. */
  private async releaseAllocations(
    manager: EntityManager,
    payment: Payment,
    today: string,
  ): Promise<void> {
    const allocations = await manager
      .getRepository(PaymentAllocation)
      .findBy({ paymentId: payment.id });
    await this.ledger.shiftPending(
      manager,
      payment.organizationId,
      allocations.map((a) => ({ amount: -(a.amount - a.amountRefunded), invoiceId: a.invoiceId })),
      today,
    );
  }

  private async methodOutcome(
    manager: EntityManager,
    methodId: string,
    outcome: { succeeded: true } | { succeeded: false; code: string | null },
  ): Promise<void> {
    const method = await manager
      .getRepository(PaymentMethod)
      .findOne({ lock: { mode: 'pessimistic_write' }, where: { id: methodId } });
    if (!method) return;
    const next = nextMethodState(method, outcome);
    await manager.getRepository(PaymentMethod).update(methodId, {
      consecutiveFailures: next.consecutiveFailures,
      status: next.status,
      ...(next.lockedReason && { lockedAt: new Date(), lockedReason: next.lockedReason }),
    });
  }

  private async markUnknown(attemptId: string, paymentId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { attemptId, err: error, paymentId },
      'Gateway outcome unknown; will ask again',
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE payment_attempts SET state = 'unknown', failure_message = $2
          WHERE id = $1 AND state IN ('pending', 'unknown')`,
        [attemptId, message.slice(0, 500)],
      );
      await this.ledger.event(
        manager,
        paymentId,
        'outcome_unknown',
        'Settle',
        `No clear answer from the gateway (${message.slice(0, 200)}); asking again before anything else`,
      );
    });
  }
}

function describeOutcome(outcome: ChargeOutcome): string {
  if (outcome.status === 'succeeded') return `Gateway: succeeded (${outcome.gatewayRef})`;
  if (outcome.status === 'processing') return `Gateway: processing (${outcome.gatewayRef})`;
  return `Gateway: declined — ${outcome.code}: ${outcome.message}`;
}
