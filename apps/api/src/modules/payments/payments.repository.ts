import { Injectable } from '@nestjs/common';
import { assertTransition, isTentative, PAYMENT_STATUSES, PaymentStatus } from '@settle/domain';
import { EntityManager, In } from 'typeorm';

import { PaymentAllocation } from './payment-allocation.entity';
import { Payment } from './payment.entity';

export type NewPayment = Pick<
  Payment,
  | 'amount'
  | 'createdBy'
  | 'currency'
  | 'fee'
  | 'gateway'
  | 'installmentCount'
  | 'installmentNumber'
  | 'installmentPlanId'
  | 'organizationId'
  | 'origin'
  | 'paymentMethodId'
  | 'receiptRecipients'
  | 'scheduledFor'
  | 'status'
  | 'total'
>;

/** Columns any use case may change; the status changes only through `transition`. */
export type PaymentChanges = Partial<
  Pick<
    Payment,
    | 'amount'
    | 'amountRefunded'
    | 'failureCode'
    | 'failureMessage'
    | 'fee'
    | 'feeRefunded'
    | 'gatewayPaymentRef'
    | 'processedAt'
    | 'returnCode'
    | 'scheduledFor'
    | 'settledAt'
    | 'total'
  >
>;

const TENTATIVE_STATUSES = PAYMENT_STATUSES.filter(isTentative);

/** A tentative payment's allocation, as the overpayment guard sees it. */
export interface TentativeAllocationRow {
  paymentId: string;
  invoiceId: string;
  amount: number;
  runDate: string;
  createdAt: string;
  sequence: number;
}

/** The payments and payment_allocations tables. */
@Injectable()
export class PaymentsRepository {
  async insert(manager: EntityManager, payment: NewPayment): Promise<Payment> {
    const repository = manager.getRepository(Payment);
    const entity = repository.create(payment);
    await repository.insert(entity);
    return entity;
  }

  async insertAllocations(
    manager: EntityManager,
    paymentId: string,
    allocations: { invoiceId: string; amount: number }[],
  ): Promise<void> {
    await manager.getRepository(PaymentAllocation).insert(
      allocations.map((a, position) => ({
        amount: a.amount,
        invoiceId: a.invoiceId,
        paymentId,
        position,
        requestedAmount: a.amount,
      })),
    );
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<Payment | null> {
    return manager.getRepository(Payment).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  allocationsOf(manager: EntityManager, paymentId: string): Promise<PaymentAllocation[]> {
    return manager
      .getRepository(PaymentAllocation)
      .find({ order: { position: 'ASC' }, where: { paymentId } });
  }

  async update(manager: EntityManager, id: string, changes: PaymentChanges): Promise<void> {
    await manager.getRepository(Payment).update(id, changes);
  }

  /**
   * The only way a payment's status changes: the domain's state machine must allow the move, and
   * the row must still be in the status the caller read (it holds the row lock, so it is).
   */
  async transition(
    manager: EntityManager,
    payment: Payment,
    to: PaymentStatus,
    changes: PaymentChanges = {},
  ): Promise<void> {
    assertTransition(payment.status, to);
    const result = await manager
      .getRepository(Payment)
      .update({ id: payment.id, status: payment.status }, { ...changes, status: to });
    if (result.affected !== 1)
      throw new Error(`Payment ${payment.id} was no longer ${payment.status} when moving to ${to}`);
    Object.assign(payment, changes, { status: to });
  }

  async setAllocationAmount(
    manager: EntityManager,
    paymentId: string,
    invoiceId: string,
    amount: number,
  ): Promise<void> {
    await manager.getRepository(PaymentAllocation).update({ invoiceId, paymentId }, { amount });
  }

  async addAllocationRefunded(
    manager: EntityManager,
    paymentId: string,
    invoiceId: string,
    amount: number,
  ): Promise<void> {
    await manager
      .getRepository(PaymentAllocation)
      .increment({ invoiceId, paymentId }, 'amountRefunded', amount);
  }

  /**
   * Every allocation of the tentative payments (scheduled, awaiting approval) that touch these
   * invoices, including their allocations to other invoices: a reduced payment's new amount is
   * the sum of all of them. Locked when the caller is about to reduce them.
   */
  async tentativeAllocations(
    manager: EntityManager,
    invoiceIds: string[],
    options: { lock: boolean; excludePlanId?: string },
  ): Promise<TentativeAllocationRow[]> {
    const rows: {
      payment_id: string;
      invoice_id: string;
      amount: string;
      run_date: string;
      created_at: Date;
      sequence: number;
    }[] = await manager.query(
      `SELECT a.payment_id, a.invoice_id, a.amount,
              coalesce(p.scheduled_for, p.created_at::date)::text AS run_date, p.created_at, p.sequence
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        WHERE p.id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id = ANY($1::uuid[]))
          AND a.amount > 0
          AND p.status = ANY($3::text[])
          AND ($2::uuid IS NULL OR p.installment_plan_id IS DISTINCT FROM $2::uuid)
        ORDER BY p.id, a.position ${options.lock ? 'FOR UPDATE OF p' : ''}`,
      [invoiceIds, options.excludePlanId ?? null, TENTATIVE_STATUSES],
    );
    return rows.map((r) => ({
      amount: Number(r.amount),
      createdAt: r.created_at.toISOString(),
      invoiceId: r.invoice_id,
      paymentId: r.payment_id,
      runDate: r.run_date,
      sequence: Number(r.sequence),
    }));
  }

  findMany(manager: EntityManager, ids: string[]): Promise<Payment[]> {
    return manager.getRepository(Payment).findBy({ id: In(ids) });
  }

  async planOf(manager: EntityManager, paymentId: string): Promise<string[]> {
    const payment = await this.findById(manager, paymentId);
    if (!payment?.installmentPlanId) return payment ? [payment.id] : [];
    const plan = await manager.getRepository(Payment).find({
      order: { installmentNumber: 'ASC' },
      select: { id: true },
      where: { installmentPlanId: payment.installmentPlanId },
    });
    return plan.map((p) => p.id);
  }

  /** Scheduled payments due on or before today. */
  async dueScheduled(
    manager: EntityManager,
    today: string,
  ): Promise<{ id: string; scheduledFor: string }[]> {
    const rows: { id: string; scheduled_for: string }[] = await manager.query(
      `SELECT id, scheduled_for::text AS scheduled_for FROM payments
        WHERE status = 'scheduled' AND scheduled_for <= $1::date ORDER BY scheduled_for, id`,
      [today],
    );
    return rows.map((r) => ({ id: r.id, scheduledFor: r.scheduled_for }));
  }

  /** Scheduled payments not yet due: each should have a delayed job waiting for its day. */
  async futureScheduled(
    manager: EntityManager,
    today: string,
  ): Promise<{ id: string; scheduledFor: string }[]> {
    const rows: { id: string; scheduled_for: string }[] = await manager.query(
      `SELECT id, scheduled_for::text AS scheduled_for FROM payments
        WHERE status = 'scheduled' AND scheduled_for > $1::date ORDER BY scheduled_for, id`,
      [today],
    );
    return rows.map((r) => ({ id: r.id, scheduledFor: r.scheduled_for }));
  }

  /** Submitted debits waiting to settle, a page at a time in id order. */
  async awaitingSettlement(
    manager: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; gateway: Payment['gateway']; gatewayPaymentRef: string }[]> {
    const rows: { id: string; gateway: Payment['gateway']; gateway_payment_ref: string }[] =
      await manager.query(
        `SELECT id, gateway, gateway_payment_ref FROM payments
          WHERE status = 'processing' AND gateway_payment_ref IS NOT NULL
            AND ($1::uuid IS NULL OR id > $1::uuid)
          ORDER BY id LIMIT $2`,
        [afterId, limit],
      );
    return rows.map((r) => ({
      gateway: r.gateway,
      gatewayPaymentRef: r.gateway_payment_ref,
      id: r.id,
    }));
  }

  /**
   * The Stripe payment an event is about, by the id we put in its metadata or by the
   * PaymentIntent id; `submittedDebitsOnly` skips payments with no attempt waiting to settle.
   */
  async findStripePayment(
    manager: EntityManager,
    ref: { paymentId: string; intentId: string },
    submittedDebitsOnly: boolean,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM payments p
        WHERE p.gateway = 'stripe' AND (p.id::text = $1 OR p.gateway_payment_ref = $2)
          AND (NOT $3 OR EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payment_id = p.id AND a.state = 'processing'))
        LIMIT 1`,
      [ref.paymentId, ref.intentId, submittedDebitsOnly],
    );
    return rows[0]?.id ?? null;
  }
}
