import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  accountingCountsPayment,
  accountingSyncOnPartialRefund,
  allocateRefund,
  assertAccountingSyncTransition,
  feeRefundFor,
  RefundError,
} from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit';
import { GatewayRegistry, GatewayUnavailableError, RefundOutcome } from '../gateways';
import { OutboxService } from '../outbox';
import { SettingsService } from '../settings';
import { CreateRefundDto, RefundResponseDto } from './dto/payment.dto';
import { formatAmount } from './format-amount';
import { paymentNumber, PaymentLedger } from './payment-ledger';
import { Payment } from './payment.entity';
import { PaymentsRepository } from './payments.repository';
import { Refund } from './refund.entity';
import { RefundsRepository } from './refunds.repository';

/** A pending refund older than this was never answered: its process died mid-call. */
const STALE_REFUND_MINUTES = 2;

/**
 * Refunds through the gateway. The refundable amount is reserved (a pending refund) in one
 * transaction before the gateway is called, so two refunds can never give back more than was paid.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refunds: RefundsRepository,
    private readonly payments: PaymentsRepository,
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
          .transaction((manager) =>
            this.ledger.withPaymentLock(manager, paymentId, async ({ payment, allocations }) => {
              const number = paymentNumber(payment.sequence);
              if (payment.status === 'refunded')
                throw overRefund(`${number} was refunded in full; nothing is left to refund`, 0);
              if (payment.status !== 'succeeded')
                throw AppException.conflict(
                  `Payment ${number} is ${payment.status}; only a succeeded payment can be refunded`,
                );
              const pending = await this.refunds.pendingOf(manager, paymentId);
              const pendingAmount = sum(pending.map((r) => r.amount));
              const refundable = payment.amount - payment.amountRefunded - pendingAmount;
              const amount = dto.amount ?? refundable;
              if (amount > refundable || amount <= 0)
                throw overRefund(
                  `At most ${formatAmount(refundable, payment.currency)} of ${number} can still be refunded`,
                  refundable,
                );
              const pendingByInvoice = new Map<string, number>();
              for (const back of pending.flatMap((r) => r.allocations))
                pendingByInvoice.set(
                  back.invoiceId,
                  (pendingByInvoice.get(back.invoiceId) ?? 0) + back.amount,
                );
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
                  feeRefunded: payment.feeRefunded + sum(pending.map((r) => r.fee)),
                },
                amount,
              );
              await this.refunds.insert(manager, {
                allocations: back,
                amount,
                createdBy: auth.label,
                fee,
                gatewayIdempotencyKey: `settle-refund-${refundId}`,
                id: refundId,
                paymentId,
                reason: dto.reason ?? null,
              });
              await claim.attach(manager, refundId);
              await this.ledger.event(
                manager,
                paymentId,
                'refund_requested',
                auth,
                `Refund of ${formatAmount(amount + fee, payment.currency)} requested`,
                { amount, fee, reason: dto.reason ?? null, refundId },
              );
              await this.audit.record(manager, auth, {
                action: 'payment.refund_requested',
                after: { amount, fee, reason: dto.reason ?? null },
                entityId: paymentId,
                entityLabel: paymentNumber(payment.sequence),
                entityType: 'payment',
                organizationId: payment.organizationId,
              });
              return { gateway: payment.gateway, gatewayRef: payment.gatewayPaymentRef! };
            }),
          )
          .catch((error: unknown) => {
            if (error instanceof RefundError)
              throw AppException.rule(error.message, [{ field: 'amount', message: error.message }]);
            throw error;
          });
        if (!reserved) throw AppException.notFound('Payment');
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
    const refund = await this.refunds.findById(this.dataSource.manager, refundId);
    if (refund?.status !== 'pending') return;
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
    await this.apply(refund, outcome);
  }

  /** Re-sends refunds whose answer never came (same idempotency key, so never twice). */
  async retryPending(): Promise<number> {
    const rows = await this.refunds.unanswered(this.dataSource.manager, STALE_REFUND_MINUTES);
    for (const row of rows) await this.send(row.id, row.gateway, row.gatewayPaymentRef);
    return rows.length;
  }

  async get(id: string): Promise<RefundResponseDto> {
    const refund = await this.refunds.findById(this.dataSource.manager, id);
    if (!refund) throw AppException.notFound('Refund');
    return toRefundResponse(refund);
  }

  /**
   * A partial refund of a payment accounting has (domain: accountingSyncOnPartialRefund): the
   * payment there is to be adjusted to what is left, which the push job sends, so that accounting
   * re-opens each invoice by what this refund re-opened in Settle.
   */
  private async adjustInAccounting(
    manager: EntityManager,
    payment: Payment,
    left: number,
  ): Promise<void> {
    const { accountingSyncAction: action, accountingSyncStatus: status } = payment;
    const next = accountingSyncOnPartialRefund({ action, status });
    if (!next) return;
    assertAccountingSyncTransition(payment.accountingSyncStatus, next.status, next.action);
    await this.payments.setAccountingSync(
      manager,
      payment,
      {
        accountingSyncAction: next.action,
        accountingSyncAttempts: 0,
        accountingSyncCause: null,
        accountingSyncError: null,
        accountingSyncNextAttemptAt: new Date(),
        accountingSyncStatus: next.status,
      },
      [
        {
          actor: 'Settle',
          data: { externalId: payment.accountingExternalId, left },
          summary: `Waiting to adjust the payment in accounting to ${formatAmount(left, payment.currency)} after a partial refund`,
          type: 'accounting_sync_queued',
        },
      ],
    );
  }

  private async apply(sent: Refund, outcome: RefundOutcome): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    await this.dataSource.transaction((manager) =>
      this.ledger.withPaymentLock(manager, sent.paymentId, async ({ payment, invoices }) => {
        const refund = await this.refunds.findById(manager, sent.id, { lock: true });
        if (refund?.status !== 'pending') return;
        if (outcome.status === 'failed') {
          await this.refunds.update(manager, refund.id, {
            failureMessage: outcome.message,
            status: 'failed',
          });
          await this.ledger.event(
            manager,
            payment.id,
            'refund_failed',
            'Settle',
            `Refund failed: ${outcome.message}`,
            { refundId: refund.id },
          );
          return;
        }
        await this.refunds.update(manager, refund.id, {
          gatewayRef: outcome.gatewayRef,
          status: 'succeeded',
        });
        for (const back of refund.allocations)
          await this.payments.addAllocationRefunded(
            manager,
            payment.id,
            back.invoiceId,
            back.amount,
          );
        const amountRefunded = payment.amountRefunded + refund.amount;
        const changes = { amountRefunded, feeRefunded: payment.feeRefunded + refund.fee };
        const full = amountRefunded >= payment.amount;
        // Once accounting counts the payment, its invoices already show it and Settle holds nothing.
        const held = !accountingCountsPayment(
          payment.accountingSyncStatus,
          payment.accountingSyncAction,
        );
        if (full) await this.ledger.transition(manager, payment, 'refunded', changes);
        else {
          await this.payments.update(manager, payment.id, changes);
          await this.adjustInAccounting(manager, payment, payment.amount - amountRefunded);
        }
        if (held)
          await this.ledger.shiftPending(
            manager,
            refund.allocations.map((a) => ({ amount: -a.amount, invoiceId: a.invoiceId })),
            today,
            invoices,
          );
        await this.ledger.event(
          manager,
          payment.id,
          'refunded',
          'Settle',
          `Refunded ${formatAmount(refund.amount + refund.fee, payment.currency)}${full ? ' (in full)' : ''}`,
          { amount: refund.amount, fee: refund.fee, refundId: refund.id },
        );
        await this.outbox.add(
          manager,
          'payment.refunded',
          { id: payment.id, type: 'payment' },
          { amount: refund.amount, full, paymentId: payment.id, refundId: refund.id },
        );
      }),
    );
  }
}

export function toRefundResponse(refund: Refund): RefundResponseDto {
  return {
    amount: refund.amount,
    createdAt: refund.createdAt.toISOString(),
    failureMessage: refund.failureMessage,
    fee: refund.fee,
    id: refund.id,
    paymentId: refund.paymentId,
    reason: refund.reason,
    status: refund.status,
  };
}

function overRefund(detail: string, refundable: number): AppException {
  return AppException.rule(detail, [
    { field: 'amount', message: `exceeds the refundable ${refundable}` },
  ]);
}

function sum(amounts: number[]): number {
  return amounts.reduce((total, amount) => total + amount, 0);
}
