import { Injectable } from '@nestjs/common';
import {
  AccountingSyncAction,
  AccountingSyncCause,
  assertTransition,
  isTentative,
  PAYMENT_STATUSES,
  PaymentStatus,
} from '@settle/domain';
import { EntityManager, In } from 'typeorm';

import { ProcessLeaseService } from '../../common/process-lease/process-lease.service';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentAttempt } from './payment-attempt.entity';
import { PaymentEventType } from './payment-event.entity';
import { Payment } from './payment.entity';

export type NewPayment = Pick<
  Payment,
  | 'amount'
  | 'autopayInvoiceId'
  | 'autopayRuleId'
  | 'autopayRunDate'
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

/** A payment's accounting sync columns; they change only through the accounting sync's rules. */
export type AccountingSyncChanges = Partial<
  Pick<
    Payment,
    | 'accountingExternalId'
    | 'accountingSyncAction'
    | 'accountingSyncAttempts'
    | 'accountingSyncCause'
    | 'accountingSyncError'
    | 'accountingSyncLastAttemptAt'
    | 'accountingSyncNextAttemptAt'
    | 'accountingSyncStatus'
  >
>;

/** A pending accounting sync a push worker claimed, with what the push needs to know. */
export interface ClaimedAccountingSyncRow {
  id: string;
  organization_id: string;
  sequence: number;
  action: AccountingSyncAction;
  amount: string;
  amount_refunded: string;
  currency: string;
  paid_at: Date;
  gateway_payment_ref: string | null;
  method_type: string;
  external_id: string | null;
  attempts: number;
  request_key: string;
}

/** Counts behind the Overview's "failing to sync" card and the 10% alert. */
export interface AccountingSyncCountsRow {
  pending: number;
  failing: number;
  pushed_recently: number;
  failing_recently: number;
}

/** A timeline entry written in the same statement as the payment change it records. */
export interface TimelineRow {
  type: PaymentEventType;
  actor: string;
  summary: string;
  data: Record<string, unknown> | null;
  /** When it happened, if not now. */
  at?: Date;
}

/** A gateway attempt started in the same statement as the payment change that needs it. */
export type NewAttempt = Pick<PaymentAttempt, 'amount' | 'attemptNumber' | 'gatewayIdempotencyKey'>;

/** What goes with a payment change, in the same statement: every round trip costs. */
export interface AlongWith {
  timeline?: TimelineRow[];
  attempt?: NewAttempt | null;
}

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
  constructor(private readonly lease: ProcessLeaseService) {}

  /**
   * A new payment with its allocations, and its first timeline entries and attempt when given, in
   * one statement. The payment's id is chosen here, so that its attempt's key can name it.
   */
  async insert(
    manager: EntityManager,
    payment: NewPayment & { id: string },
    allocations: { invoiceId: string; amount: number }[],
    along: AlongWith = {},
  ): Promise<{ payment: Payment; attempt: PaymentAttempt | null }> {
    const repository = manager.getRepository(Payment);
    const entity = repository.create({
      ...payment,
      amountRefunded: 0,
      failureCode: null,
      failureMessage: null,
      feeRefunded: 0,
      gatewayPaymentRef: null,
      processedAt: null,
      returnCode: null,
      settledAt: null,
    });
    const [insert, params] = manager
      .createQueryBuilder()
      .insert()
      .into(Payment)
      .values(entity)
      .returning('"id", "sequence", "created_at", "updated_at"')
      .getQueryAndParameters();
    const allocationRows = params.length;
    const statement = withRowsOf(
      insert,
      [...params, allocations.map((a) => a.invoiceId), allocations.map((a) => a.amount)],
      along,
      this.lease.processId,
      `allocations AS (
         INSERT INTO payment_allocations (payment_id, invoice_id, position, amount, requested_amount)
         SELECT changed.id, a.invoice_id, a.position - 1, a.amount, a.amount
           FROM changed, unnest($${allocationRows + 1}::uuid[], $${allocationRows + 2}::bigint[])
                WITH ORDINALITY AS a(invoice_id, amount, position))`,
      'changed.sequence, changed.created_at, changed.updated_at',
    );
    const [row]: {
      sequence: number;
      created_at: Date;
      updated_at: Date;
      attempt_id: string | null;
      attempt_created_at: Date | null;
    }[] = await manager.query(statement.sql, statement.params);
    Object.assign(entity, {
      createdAt: row.created_at,
      sequence: Number(row.sequence),
      updatedAt: row.updated_at,
    });
    return {
      attempt: attemptOf(entity.id, along.attempt, this.lease.processId, row),
      payment: entity,
    };
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
   * the row must still be in the status the caller read (it holds the row lock, so it is). The
   * timeline entries and the attempt that go with the move are written in the same statement.
   */
  async transition(
    manager: EntityManager,
    payment: Payment,
    to: PaymentStatus,
    changes: PaymentChanges & AccountingSyncChanges = {},
    along: AlongWith = {},
  ): Promise<PaymentAttempt | null> {
    assertTransition(payment.status, to);
    const [update, params] = manager
      .createQueryBuilder()
      .update(Payment)
      .set({ ...changes, status: to })
      .where('id = :id AND status = :from', { from: payment.status, id: payment.id })
      .returning(['id'])
      .getQueryAndParameters();
    const statement = withRowsOf(update, params, along, this.lease.processId);
    const [row]: { changed: number; attempt_id: string | null; attempt_created_at: Date | null }[] =
      await manager.query(statement.sql, statement.params);
    if (row.changed !== 1)
      throw new Error(`Payment ${payment.id} was no longer ${payment.status} when moving to ${to}`);
    Object.assign(payment, changes, { status: to });
    return attemptOf(payment.id, along.attempt, this.lease.processId, row);
  }

  /**
   * Changes a payment's accounting sync (the caller holds its row lock and checked the move), with
   * its timeline entries in the same statement.
   */
  async setAccountingSync(
    manager: EntityManager,
    payment: Payment,
    changes: AccountingSyncChanges,
    timeline: TimelineRow[] = [],
  ): Promise<void> {
    const [update, params] = manager
      .createQueryBuilder()
      .update(Payment)
      .set(changes)
      .where('id = :id', { id: payment.id })
      .returning(['id'])
      .getQueryAndParameters();
    const statement = withRowsOf(update, params, { timeline }, this.lease.processId);
    await manager.query(statement.sql, statement.params);
    Object.assign(payment, changes);
  }

  async setHiddenFromPortal(
    manager: EntityManager,
    payment: Payment,
    hidden: boolean,
    timeline: TimelineRow[],
  ): Promise<void> {
    const [update, params] = manager
      .createQueryBuilder()
      .update(Payment)
      .set({ hiddenFromPortal: hidden })
      .where('id = :id', { id: payment.id })
      .returning(['id'])
      .getQueryAndParameters();
    const statement = withRowsOf(update, params, { timeline }, this.lease.processId);
    await manager.query(statement.sql, statement.params);
    payment.hiddenFromPortal = hidden;
  }

  /** Which of these accounting ids are payments Settle pushed (rare: no index, a plain scan). */
  async pushedAmong(manager: EntityManager, externalIds: string[]): Promise<string[]> {
    if (externalIds.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT accounting_external_id AS id FROM payments
        WHERE accounting_external_id = ANY($1::varchar[])`,
      [externalIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Takes up to `limit` pending accounting syncs due by `now`, skipping rows another worker holds,
   * and leases them until `leaseUntil` (a crashed worker's push comes due again then), counting
   * the attempt. One statement: two workers never take the same row.
   */
  claimAccountingSyncs(
    manager: EntityManager,
    limit: number,
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedAccountingSyncRow[]> {
    return manager.query(
      `WITH due AS (
         SELECT id FROM payments
          WHERE accounting_sync_status = 'pending' AND accounting_sync_next_attempt_at <= $1
          ORDER BY accounting_sync_next_attempt_at, id
          LIMIT $2
            FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE payments p
            SET accounting_sync_attempts = p.accounting_sync_attempts + 1,
                accounting_request_key = CASE WHEN p.accounting_sync_attempts = 0
                                              OR p.accounting_request_key IS NULL
                                         THEN gen_random_uuid() ELSE p.accounting_request_key END,
                accounting_sync_last_attempt_at = $1,
                accounting_sync_next_attempt_at = $3
           FROM due, payment_methods m
          WHERE p.id = due.id AND m.id = p.payment_method_id
         RETURNING p.id, p.organization_id, p.sequence, p.accounting_sync_action AS action,
                   p.amount::text AS amount, p.amount_refunded::text AS amount_refunded, p.currency,
                   coalesce(p.settled_at, p.processed_at, p.created_at) AS paid_at,
                   p.gateway_payment_ref, m.type AS method_type,
                   p.accounting_external_id AS external_id,
                   p.accounting_sync_attempts AS attempts,
                   p.accounting_request_key AS request_key)
       SELECT * FROM claimed ORDER BY sequence`,
      [now, limit, leaseUntil],
    );
  }

  /** The allocations of these payments, in each payment's order. */
  async allocationsOfMany(
    manager: EntityManager,
    paymentIds: string[],
  ): Promise<
    { payment_id: string; invoice_id: string; amount: string; amount_refunded: string }[]
  > {
    if (paymentIds.length === 0) return [];
    return manager.query(
      `SELECT payment_id, invoice_id, amount::text AS amount, amount_refunded::text AS amount_refunded
         FROM payment_allocations WHERE payment_id = ANY($1::uuid[])
        ORDER BY payment_id, position`,
      [paymentIds],
    );
  }

  /**
   * Failed syncs with one of these causes back in the queue, due at once with their attempts
   * starting over, each with a timeline entry; the ids of those that moved.
   */
  async requeueFailedSyncs(
    manager: EntityManager,
    causes: readonly AccountingSyncCause[],
    now: Date,
    summary: string,
  ): Promise<string[]> {
    if (causes.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `WITH moved AS (
         UPDATE payments
            SET accounting_sync_status = 'pending', accounting_sync_attempts = 0,
                accounting_sync_next_attempt_at = $2
          WHERE accounting_sync_status = 'failed' AND accounting_sync_cause = ANY($1::text[])
         RETURNING id, accounting_sync_cause),
       timeline AS (
         INSERT INTO payment_events (payment_id, type, actor, summary, data, created_at)
         SELECT id, 'accounting_sync_queued', 'Settle', $3,
                jsonb_build_object('cause', accounting_sync_cause, 'recheck', true), now()
           FROM moved)
       SELECT id FROM moved`,
      [causes, now, summary],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Payments waiting to sync and failing to, and of the payments accounting was asked to take
   * since `since` (their last attempt), how many are failing now.
   */
  async accountingSyncCounts(
    manager: EntityManager,
    since: Date,
  ): Promise<AccountingSyncCountsRow> {
    const [row]: AccountingSyncCountsRow[] = await manager.query(
      `SELECT (SELECT count(*) FROM payments WHERE accounting_sync_status = 'pending')::int AS pending,
              (SELECT count(*) FROM payments WHERE accounting_sync_status = 'failed')::int AS failing,
              count(*)::int AS pushed_recently,
              (count(*) FILTER (WHERE accounting_sync_status = 'failed'))::int AS failing_recently
         FROM payments
        WHERE accounting_sync_attempts > 0 AND accounting_sync_last_attempt_at >= $1`,
      [since],
    );
    return row;
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

/**
 * Wraps a statement that changes one payment and returns its id (as the CTE `changed`) with the
 * inserts of what goes along with it. Parameters of the additions follow the statement's own.
 */
function withRowsOf(
  statement: string,
  params: unknown[],
  along: AlongWith,
  ownerProcessId: string,
  extraCte?: string,
  extraColumns?: string,
): { sql: string; params: unknown[] } {
  const values = [...params];
  const next = (value: unknown) => `$${values.push(value)}`;
  const ctes = [`changed AS (${statement})`];
  if (extraCte) ctes.push(extraCte);
  const timeline = along.timeline ?? [];
  if (timeline.length)
    ctes.push(`timeline AS (
      INSERT INTO payment_events (payment_id, type, actor, summary, data, created_at)
      SELECT changed.id, e.type, e.actor, e.summary, e.data, coalesce(e.at, now())
        FROM changed, unnest(${next(timeline.map((e) => e.type))}::text[],
                             ${next(timeline.map((e) => e.actor))}::text[],
                             ${next(timeline.map((e) => e.summary))}::text[],
                             ${next(timeline.map((e) => (e.data ? JSON.stringify(e.data) : null)))}::jsonb[],
                             ${next(timeline.map((e) => e.at ?? null))}::timestamptz[])
             WITH ORDINALITY AS e(type, actor, summary, data, at, position)
       ORDER BY e.position)`);
  const attempt = along.attempt;
  if (attempt)
    ctes.push(`attempt AS (
      INSERT INTO payment_attempts (payment_id, attempt_number, gateway_idempotency_key, amount, state, created_at, owner_process_id)
      SELECT changed.id, ${next(attempt.attemptNumber)}::smallint, ${next(attempt.gatewayIdempotencyKey)},
             ${next(attempt.amount)}::bigint, 'pending', now(), ${next(ownerProcessId)}::uuid
        FROM changed
      RETURNING id, created_at)`);
  const columns = [
    '(SELECT count(*)::int FROM changed) AS changed',
    attempt ? '(SELECT id FROM attempt) AS attempt_id' : 'NULL::uuid AS attempt_id',
    attempt
      ? '(SELECT created_at FROM attempt) AS attempt_created_at'
      : 'NULL::timestamptz AS attempt_created_at',
  ];
  const from = extraColumns ? ` FROM changed` : '';
  if (extraColumns) columns.unshift(extraColumns);
  return { params: values, sql: `WITH ${ctes.join(', ')} SELECT ${columns.join(', ')}${from}` };
}

function attemptOf(
  paymentId: string,
  attempt: NewAttempt | null | undefined,
  ownerProcessId: string,
  row: { attempt_id: string | null; attempt_created_at: Date | null },
): PaymentAttempt | null {
  if (!attempt || !row.attempt_id || !row.attempt_created_at) return null;
  return Object.assign(new PaymentAttempt(), {
    ...attempt,
    createdAt: row.attempt_created_at,
    failureCode: null,
    failureMessage: null,
    gatewayRef: null,
    id: row.attempt_id,
    ownerProcessId,
    paymentId,
    respondedAt: null,
    state: 'pending' as const,
  });
}
