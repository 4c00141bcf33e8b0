import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allocateRefund, feeRefundFor, RefundError } from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit/audit.service';
import { GatewayRegistry } from '../gateways/gateway-registry';
import { GatewayUnavailableError, RefundOutcome } from '../gateways/payment-gateway';
import { OutboxService } from '../outbox/outbox.service';
import { SettingsService } from '../settings/settings.service';
import { CreateRefundDto, RefundResponseDto } from './dto/payment.dto';
import { formatAmount } from './payments.service';
import { paymentNumber, PaymentLedger } from './payment-ledger';
import { toRefundResponse } from './payment-queries.service';
import { Payment } from './payment.entity';
import { PaymentAllocation } from './payment-allocation.entity';
import { Refund } from './refund.entity';

/**
 * Refunds through the gateway. The refundable amount is reserved (a pending refund) in one
 * transaction before the gateway is called, so two refunds can never give back more than was paid.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateways: GatewayRegistry,
    private readonly ledger: PaymentLedger,
    private readonly idempotency: IdempotencyService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  create(
    auth: AuthContext,
    paymentId: string,
    dto: CreateRefundDto,
    idempotencyKey: string | undefined,
  ): Promise<StoredResponse<RefundResponseDto>> {
    return this.idempotency.run(
      {
        auth,
        body: { ...dto, paymentId },
        endpoint: 'POST /payments/{id}/refunds',
        key: idempotencyKey,
      },
      async (claim) => {
        const refundId = randomUUID();
        const reserved = await this.dataSource
          .transaction(async (manager) => {
            await this.ledger.lockInvoicesOfPayment(manager, paymentId);
            const payment = await manager
              .getRepository(Payment)
              .findOne({ lock: { mode: 'pessimistic_write' }, where: { id: paymentId } });
            if (!payment) throw AppException.notFound('Payment');
            if (payment.status !== 'succeeded')
              throw AppException.conflict(
                `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only a succeeded payment can be refunded`,
              );
            const pending: { amount: string; fee: string }[] = await manager.query(
              `SELECT coalesce(sum(amount), 0) AS amount, coalesce(sum(fee), 0) AS fee
               FROM refunds WHERE payment_id = $1 AND status = 'pending'`,
              [paymentId],
            );
            const pendingAmount = Number(pending[0].amount);
            const refundable = payment.amount - payment.amountRefunded - pendingAmount;
            const amount = dto.amount ?? refundable;
            if (amount > refundable || amount <= 0)
              throw AppException.rule(
                `At most ${formatAmount(refundable, payment.currency)} of ${paymentNumber(payment.sequence)} can still be refunded`,
                [{ field: 'amount', message: `exceeds the refundable ${refundable}` }],
              );
            const allocations = await manager.getRepository(PaymentAllocation).find({
              order: { position: 'ASC' },
              where: { paymentId },
            });
            const pendingByInvoice = await this.pendingByInvoice(paymentId);
            const back = allocateRefund(
              allocations.map((a) => ({
                amount: a.amount,
                amountRefunded: a.amountRefunded + (pendingByInvoice.get(a.invoiceId) ?? 0),
                invoiceId: a.invoiceId,
              })),
              amount,
            );
            const fee = feeRefundFor(
              {
                amount: payment.amount,
                amountRefunded: payment.amountRefunded + pendingAmount,
                fee: payment.fee,
                feeRefunded: payment.feeRefunded + Number(pending[0].fee),
              },
              amount,
            );
            await manager.getRepository(Refund).insert({
              allocations: back,
              amount,
              createdBy: auth.label,
              fee,
              gatewayIdempotencyKey: `settle-refund-${refundId}`,
              id: refundId,
              paymentId,
              reason: dto.reason ?? null,
              status: 'pending',
            });
            await claim.attach(manager, refundId);
            await this.ledger.event(
              manager,
              paymentId,
              'refund_requested',
              auth,
              `Refund of ${formatAmount(amount + fee, payment.currency)} requested`,
              {
                amount,
                fee,
                reason: dto.reason ?? null,
                refundId,
              },
            );
            await this.audit.record(
              auth,
              {
                action: 'payment.refund_requested',
                after: { amount, fee, reason: dto.reason ?? null },
                entityId: paymentId,
                entityType: 'payment',
              },
              manager,
            );
            return { gateway: payment.gateway, gatewayRef: payment.gatewayPaymentRef! };
          })
          .catch((error: unknown) => {
            if (error instanceof RefundError)
              throw AppException.rule(error.message, [{ field: 'amount', message: error.message }]);
            throw error;
          });
        await this.send(refundId, reserved.gateway, reserved.gatewayRef);
        return { body: await this.get(refundId), status: 201 };
      },
      async (id) => ({ body: await this.get(id), status: 201 }),
    );
  }

  /** Sends (or re-sends, with the same key) a pending refund and applies the answer. */
  async send(
    refundId: string,
    gatewayName: Payment['gateway'],
    gatewayPaymentRef: string,
  ): Promise<void> {
    const refund = await this.dataSource.getRepository(Refund).findOneByOrFail({ id: refundId });
    if (refund.status !== 'pending') return;
    let outcome: RefundOutcome;
    try {
      outcome = await this.gateways.byName(gatewayName).refund({
        amount: refund.amount + refund.fee,
        gatewayPaymentRef,
        idempotencyKey: refund.gatewayIdempotencyKey,
      });
    } catch (error) {
      if (!(error instanceof GatewayUnavailableError)) throw error;
      // Stays pending, its amount reserved; the same key is sent again by the next attempt.
      this.logger.warn({ err: error, refundId }, 'Refund outcome unknown');
      return;
    }
    await this.apply(refundId, outcome);
  }

  private async apply(refundId: string, outcome: RefundOutcome): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction(async (manager) => {
      const refund = await manager
        .getRepository(Refund)
        .findOne({ lock: { mode: 'pessimistic_write' }, where: { id: refundId } });
      if (!refund || refund.status !== 'pending') return;
      await this.ledger.lockInvoicesOfPayment(manager, refund.paymentId);
      const payment = await manager
        .getRepository(Payment)
        .findOneOrFail({ lock: { mode: 'pessimistic_write' }, where: { id: refund.paymentId } });
      if (outcome.status === 'failed') {
        await manager
          .getRepository(Refund)
          .update(refundId, { failureMessage: outcome.message, status: 'failed' });
        await this.ledger.event(
          manager,
          payment.id,
          'refund_failed',
          'Settle',
          `Refund failed: ${outcome.message}`,
          { refundId },
        );
        return;
      }
      await manager
        .getRepository(Refund)
        .update(refundId, { gatewayRef: outcome.gatewayRef, status: 'succeeded' });
      for (const back of refund.allocations)
        await manager.query(
          'UPDATE payment_allocations SET amount_refunded = amount_refunded + $3 WHERE payment_id = $1 AND invoice_id = $2',
          [payment.id, back.invoiceId, back.amount],
        );
      const amountRefunded = payment.amountRefunded + refund.amount;
      const full = amountRefunded >= payment.amount;
      await manager.getRepository(Payment).update(payment.id, {
        amountRefunded,
        feeRefunded: payment.feeRefunded + refund.fee,
        status: full ? 'refunded' : 'succeeded',
      });
      await this.ledger.shiftPending(
        manager,
        payment.organizationId,
        refund.allocations.map((a) => ({ amount: -a.amount, invoiceId: a.invoiceId })),
        today,
      );
      await this.ledger.event(
        manager,
        payment.id,
        'refunded',
        'Settle',
        `Refunded ${formatAmount(refund.amount + refund.fee, payment.currency)}${full ? ' (in full)' : ''}`,
        {
          amount: refund.amount,
          fee: refund.fee,
          refundId,
        },
      );
      await this.outbox.add(
        manager,
        'payment.refunded',
        { id: payment.id, type: 'payment' },
        {
          amount: refund.amount,
          full,
          paymentId: payment.id,
          refundId,
        },
      );
    });
  }

  /** Re-sends refunds whose answer never came (same idempotency key, so never twice). */
  async retryPending(): Promise<number> {
    const rows: { id: string; gateway: Payment['gateway']; gateway_payment_ref: string }[] =
      await this.dataSource.query(
        `SELECT r.id, p.gateway, p.gateway_payment_ref FROM refunds r JOIN payments p ON p.id = r.payment_id
          WHERE r.status = 'pending' AND r.created_at < now() - interval '2 minutes'`,
      );
    for (const row of rows) await this.send(row.id, row.gateway, row.gateway_payment_ref);
    return rows.length;
  }

  async get(id: string): Promise<RefundResponseDto> {
    const [row] = await this.dataSource.query(
      'SELECT id, payment_id, amount, fee, status, failure_message, reason, created_at FROM refunds WHERE id = $1',
      [id],
    );
    if (!row) throw AppException.notFound('Refund');
    return toRefundResponse(row);
  }

  private async pendingByInvoice(paymentId: string): Promise<Map<string, number>> {
    const rows: { allocations: { invoiceId: string; amount: number }[] }[] =
      await this.dataSource.query(
        `SELECT allocations FROM refunds WHERE payment_id = $1 AND status = 'pending'`,
        [paymentId],
      );
    const totals = new Map<string, number>();
    for (const row of rows)
      for (const a of row.allocations)
        totals.set(a.invoiceId, (totals.get(a.invoiceId) ?? 0) + a.amount);
    return totals;
  }
}
