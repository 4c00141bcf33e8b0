import { Injectable } from '@nestjs/common';
import { convenienceFee, ConvenienceFeePolicy, PaymentStatus } from '@settle/domain';
import { EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { InvoiceForPayment, InvoicesService, SettlePendingChange } from '../invoices';
import { OrganizationsService } from '../organizations';
import { PaymentMethodsService } from '../payment-methods';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentEventType } from './payment-event.entity';
import { PaymentEventsRepository } from './payment-events.repository';
import { Payment } from './payment.entity';
import { PaymentChanges, PaymentsRepository } from './payments.repository';

/** A payment held under its row lock, with its allocations and its invoices locked before it. */
export interface LockedPayment {
  payment: Payment;
  allocations: PaymentAllocation[];
  invoices: Map<string, InvoiceForPayment>;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'Settle' : actor.label;
}

export function paymentNumber(sequence: number): string {
  return `PAY-${String(sequence).padStart(6, '0')}`;
}

/**
 * The writes every payment use case shares, always inside the caller's transaction: the lock order
 * (invoices in id order, then the payment), status transitions through the domain's state
 * machine, moving money in and out of invoices, fees, and the timeline.
 */
@Injectable()
export class PaymentLedger {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly events: PaymentEventsRepository,
    private readonly invoices: InvoicesService,
    private readonly methods: PaymentMethodsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Runs `work` with the payment locked the way every payment write locks it: its invoices first
   * (in id order, as new payments lock them), then the payment row. Null when there is no such
   * payment.
   */
  async withPaymentLock<T>(
    manager: EntityManager,
    paymentId: string,
    work: (locked: LockedPayment) => Promise<T>,
  ): Promise<T | null> {
    const allocations = await this.payments.allocationsOf(manager, paymentId);
    const invoices = await this.invoices.forPayment(
      manager,
      allocations.map((a) => a.invoiceId),
      { lock: true },
    );
    const payment = await this.payments.findById(manager, paymentId, { lock: true });
    if (!payment) return null;
    return work({ allocations, invoices, payment });
  }

  /** The one place a payment's status changes; the domain's state machine must allow it. */
  transition(
    manager: EntityManager,
    payment: Payment,
    to: PaymentStatus,
    changes: PaymentChanges = {},
  ): Promise<void> {
    return this.payments.transition(manager, payment, to, changes);
  }

  /** Money into (positive) or out of (negative) what Settle holds on the invoices. */
  shiftPending(
    manager: EntityManager,
    changes: SettlePendingChange[],
    today: string,
  ): Promise<void> {
    return this.invoices.shiftSettlePending(manager, changes, today);
  }

  /** Gives the invoices back what this payment (less its refunds) had taken off them. */
  releaseAllocations(
    manager: EntityManager,
    allocations: PaymentAllocation[],
    today: string,
  ): Promise<void> {
    return this.shiftPending(
      manager,
      allocations.map((a) => ({ amount: -(a.amount - a.amountRefunded), invoiceId: a.invoiceId })),
      today,
    );
  }

  /** The convenience fee an existing payment owes on `amount`, by its method and organization. */
  async feeFor(
    manager: EntityManager,
    payment: Pick<Payment, 'organizationId' | 'paymentMethodId'>,
    amount: number,
    policy: ConvenienceFeePolicy | null,
  ): Promise<number> {
    if (!policy) return 0;
    const [method, organization] = await Promise.all([
      this.methods.ofPayment(manager, payment.paymentMethodId),
      this.organizations.findOrFail(manager, payment.organizationId),
    ]);
    if (!method) throw new Error(`Payment method ${payment.paymentMethodId} vanished`);
    return convenienceFee(amount, method.type, policy, organization.convenienceFeeWaived);
  }

  async event(
    manager: EntityManager,
    paymentId: string,
    type: PaymentEventType,
    actor: Actor | string,
    summary: string,
    data: Record<string, unknown> | null = null,
  ): Promise<void> {
    await this.events.insert(manager, {
      actor: typeof actor === 'string' ? actor : actorLabel(actor),
      data,
      paymentId,
      summary,
      type,
    });
  }
}
