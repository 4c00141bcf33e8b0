import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  adjustmentsByPayment,
  convenienceFee,
  daysBetween,
  GuardAdjustment,
  guardOverpayment,
  minorUnitDigits,
  OverpaymentError,
  splitInstallments,
} from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { FieldError } from '../../common/errors/problem';
import {
  IdempotencyClaim,
  IdempotencyService,
  StoredResponse,
} from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit/audit.service';
import { PaymentSettingsService } from '../gateways/payment-settings.service';
import { OutboxService } from '../outbox/outbox.service';
import { SettingsService } from '../settings/settings.service';
import {
  AllocationInputDto,
  CancelPaymentDto,
  CreateInstallmentsDto,
  CreatePaymentDto,
  InstallmentsResponseDto,
  PaymentQuoteDto,
  PaymentResponseDto,
  ReschedulePaymentDto,
} from './dto/payment.dto';
import { PaymentQueriesService } from './payment-queries.service';
import { LockedInvoice, paymentNumber, PaymentLedger } from './payment-ledger';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { Payment } from './payment.entity';
import { PaymentAllocation } from './payment-allocation.entity';

/** Scheduling further out than this is almost always a typo. */
const MAX_SCHEDULE_DAYS = 366;

interface PaymentInput {
  organizationId: string;
  paymentMethodId: string;
  allocations: AllocationInputDto[];
  scheduledFor?: string;
  receiptRecipients?: string[];
}

/** Everything checked and computed before a payment is written; `quote` stops here. */
interface PreparedPayment {
  organization: { id: string; name: string; convenience_fee_waived: boolean };
  method: { id: string; type: 'card' | 'us_bank_account'; gateway: string };
  invoices: Map<string, LockedInvoice>;
  currency: string;
  amount: number;
  fee: number;
  adjustments: GuardAdjustment[];
  tentative: TentativeRow[];
}

interface TentativeRow {
  paymentId: string;
  invoiceId: string;
  amount: number;
  runDate: string;
  createdAt: string;
  sequence: number;
}

/**
 * Creating, quoting, cancelling and rescheduling payments. Each runs in one transaction that
 * locks the invoices it touches, so concurrent payments can never take an invoice below zero.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PaymentLedger,
    private readonly queries: PaymentQueriesService,
    private readonly runner: PaymentRunnerService,
    private readonly scheduler: PaymentSchedulerService,
    private readonly idempotency: IdempotencyService,
    private readonly settings: SettingsService,
    private readonly paymentSettings: PaymentSettingsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  get(id: string): Promise<PaymentResponseDto> {
    return this.queries.get(id);
  }

  async quote(dto: CreatePaymentDto): Promise<PaymentQuoteDto> {
    const { today } = await this.settings.mspCalendar();
    checkScheduledFor(dto.scheduledFor, today, 'scheduledFor');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const prepared = await this.prepare(manager, dto, { lock: false });
      const byPayment = adjustmentsByPayment(prepared.tentative, prepared.adjustments);
      return {
        adjustments: byPayment.map((a) => {
          const row = prepared.tentative.find((t) => t.paymentId === a.paymentId)!;
          return { ...a, paymentNumber: paymentNumber(row.sequence), scheduledFor: row.runDate };
        }),
        allocations: dto.allocations.map((a) => ({
          amount: a.amount,
          invoiceId: a.invoiceId,
          invoiceNumber: prepared.invoices.get(a.invoiceId)!.number,
          openBalance: prepared.invoices.get(a.invoiceId)!.open_balance,
        })),
        amount: prepared.amount,
        currency: prepared.currency,
        fee: prepared.fee,
        total: prepared.amount + prepared.fee,
      };
    });
  }

  create(
    auth: AuthContext,
    dto: CreatePaymentDto,
    idempotencyKey: string | undefined,
  ): Promise<StoredResponse<PaymentResponseDto>> {
    return this.idempotency.run(
      { auth, body: dto, endpoint: 'POST /payments', key: idempotencyKey },
      async (claim) => {
        const { today } = await this.settings.mspCalendar();
        checkScheduledFor(dto.scheduledFor, today, 'scheduledFor');
        const id = await this.dataSource.transaction((manager) =>
          this.book(manager, auth, dto, today, claim),
        );
        if (dto.scheduledFor) await this.scheduler.enqueueRun(id, dto.scheduledFor);
        else await this.runner.charge(id, auth);
        return { body: await this.queries.get(id), status: 201 };
      },
      async (id) => ({ body: await this.queries.get(id), status: 201 }),
    );
  }

  /** A payment plan: the amount split into `count` scheduled payments (seed 000 "installments"). */
  createInstallments(
    auth: AuthContext,
    dto: CreateInstallmentsDto,
    idempotencyKey: string | undefined,
  ): Promise<StoredResponse<InstallmentsResponseDto>> {
    return this.idempotency.run(
      { auth, body: dto, endpoint: 'POST /payments/installments', key: idempotencyKey },
      async (claim) => {
        const { today } = await this.settings.mspCalendar();
        checkScheduledFor(dto.firstDate, today, 'firstDate');
        const plan = splitInstallments(dto.allocations, dto.count, dto.firstDate, dto.interval);
        const last = plan[plan.length - 1].scheduledFor;
        if (daysBetween(today, last) > MAX_SCHEDULE_DAYS)
          throw AppException.invalidField(
            'count',
            `puts the last installment past ${MAX_SCHEDULE_DAYS} days`,
          );
        const planId = randomUUID();
        const ids = await this.dataSource.transaction(async (manager) => {
          // The whole plan must fit the open balances now, and the guard sees the whole plan.
          const whole = await this.prepare(
            manager,
            { ...dto, scheduledFor: dto.firstDate },
            { lock: true },
          );
          const created: string[] = [];
          for (const [index, installment] of plan.entries())
            created.push(
              await this.book(
                manager,
                auth,
                {
                  ...dto,
                  allocations: installment.allocations,
                  scheduledFor: installment.scheduledFor,
                },
                today,
                index === 0 ? claim : null,
                { count: plan.length, number: index + 1, planId },
              ),
            );
          await this.applyGuard(manager, auth, whole, 'a new installment plan');
          return created;
        });
        for (const [index, id] of ids.entries())
          await this.scheduler.enqueueRun(id, plan[index].scheduledFor);
        return {
          body: { payments: await Promise.all(ids.map((id) => this.queries.get(id))), planId },
          status: 201,
        };
      },
      async (firstId) => {
        const [{ installment_plan_id: planId }] = await this.dataSource.query(
          'SELECT installment_plan_id FROM payments WHERE id = $1',
          [firstId],
        );
        const rows: { id: string }[] = await this.dataSource.query(
          'SELECT id FROM payments WHERE installment_plan_id = $1 ORDER BY installment_number',
          [planId],
        );
        return {
          body: { payments: await Promise.all(rows.map((r) => this.queries.get(r.id))), planId },
          status: 201,
        };
      },
    );
  }

  async cancel(actor: Actor, id: string, dto: CancelPaymentDto): Promise<PaymentResponseDto> {
    const scheduledFor = await this.dataSource.transaction(async (manager) => {
      const payment = await this.lockPayment(manager, id);
      if (payment.status !== 'scheduled' && payment.status !== 'pending_approval')
        throw AppException.conflict(
          `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only scheduled payments can be cancelled (refund a settled one instead)`,
        );
      await manager.getRepository(Payment).update(id, { status: 'cancelled' });
      const reason = dto.reason ? `: ${dto.reason}` : '';
      await this.ledger.event(manager, id, 'cancelled', actor, `Cancelled${reason}`, {
        reason: dto.reason ?? null,
      });
      await this.outbox.add(
        manager,
        'payment.cancelled',
        { id, type: 'payment' },
        { paymentId: id },
      );
      await this.audit.record(
        actor,
        {
          action: 'payment.cancelled',
          after: { reason: dto.reason ?? null, status: 'cancelled' },
          before: { status: payment.status },
          entityId: id,
          entityType: 'payment',
        },
        manager,
      );
      return payment.scheduledFor;
    });
    if (scheduledFor) await this.scheduler.removeRun(id, scheduledFor);
    return this.queries.get(id);
  }

  async reschedule(
    actor: Actor,
    id: string,
    dto: ReschedulePaymentDto,
  ): Promise<PaymentResponseDto> {
    const { today } = await this.settings.mspCalendar();
    checkScheduledFor(dto.scheduledFor, today, 'scheduledFor');
    const previousDate = await this.dataSource.transaction(async (manager) => {
      const payment = await this.lockPayment(manager, id);
      if (payment.status !== 'scheduled')
        throw AppException.conflict(
          `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only scheduled payments can be rescheduled`,
        );
      await manager.getRepository(Payment).update(id, { scheduledFor: dto.scheduledFor });
      await this.ledger.event(
        manager,
        id,
        'rescheduled',
        actor,
        `Rescheduled from ${payment.scheduledFor} to ${dto.scheduledFor}`,
        { from: payment.scheduledFor, to: dto.scheduledFor },
      );
      await this.outbox.add(
        manager,
        'payment.rescheduled',
        { id, type: 'payment' },
        {
          from: payment.scheduledFor,
          paymentId: id,
          to: dto.scheduledFor,
        },
      );
      await this.audit.record(
        actor,
        {
          action: 'payment.rescheduled',
          after: { scheduledFor: dto.scheduledFor },
          before: { scheduledFor: payment.scheduledFor },
          entityId: id,
          entityType: 'payment',
        },
        manager,
      );
      return payment.scheduledFor;
    });
    if (previousDate) await this.scheduler.removeRun(id, previousDate);
    await this.scheduler.enqueueRun(id, dto.scheduledFor);
    return this.queries.get(id);
  }

  /** Checks references and rules, computes the fee and the overpayment guard's adjustments. */
  private async prepare(
    manager: EntityManager,
    input: PaymentInput,
    options: { lock: boolean; excludePlanId?: string },
  ): Promise<PreparedPayment> {
    const [organization] = await manager.query(
      'SELECT id, name, convenience_fee_waived FROM organizations WHERE id = $1',
      [input.organizationId],
    );
    if (!organization) throw AppException.invalidField('organizationId', 'does not exist');
    const [method] = await manager.query(
      `SELECT id, type, gateway, status FROM payment_methods
        WHERE id = $1 AND organization_id = $2 AND removed_at IS NULL`,
      [input.paymentMethodId, input.organizationId],
    );
    if (!method)
      throw AppException.invalidField(
        'paymentMethodId',
        'is not a payment method of this organization',
      );
    if (method.status !== 'active')
      throw AppException.rule(
        `The payment method is ${method.status}; choose another or unlock it`,
        [{ field: 'paymentMethodId', message: `is ${method.status}` }],
      );

    const ids = input.allocations.map((a) => a.invoiceId);
    const duplicates = ids
      .map((id, index) => (ids.indexOf(id) !== index ? index : -1))
      .filter((index) => index >= 0);
    if (duplicates.length)
      throw AppException.badRequest(
        'Each invoice may appear once in allocations',
        duplicates.map((i) => ({
          field: `allocations.${i}.invoiceId`,
          message: 'appears more than once',
        })),
      );
    const invoices = await this.ledger.lockInvoices(manager, ids, options.lock);
    const unknown: FieldError[] = input.allocations.flatMap((a, i) =>
      invoices.get(a.invoiceId)?.organization_id === input.organizationId
        ? []
        : [
            {
              field: `allocations.${i}.invoiceId`,
              message: 'is not an invoice of this organization',
            },
          ],
    );
    if (unknown.length) throw AppException.badRequest('Unknown invoices in allocations', unknown);
    const closed: FieldError[] = input.allocations.flatMap((a, i) => {
      const status = invoices.get(a.invoiceId)!.status;
      return status === 'open'
        ? []
        : [{ field: `allocations.${i}.invoiceId`, message: `is ${status}` }];
    });
    if (closed.length) throw AppException.rule('Only open invoices can be paid', closed);
    const currencies = new Set([...invoices.values()].map((i) => i.currency));
    if (currencies.size > 1)
      throw AppException.rule('One payment pays invoices of one currency', [
        { field: 'allocations', message: `mixes ${[...currencies].join(' and ')}` },
      ]);

    const tentative = await this.tentativeAllocations(manager, ids, options);
    const openBalances = new Map([...invoices.values()].map((i) => [i.id, i.open_balance]));
    let adjustments: GuardAdjustment[];
    try {
      adjustments = guardOverpayment(openBalances, input.allocations, tentative);
    } catch (error) {
      if (!(error instanceof OverpaymentError)) throw error;
      throw AppException.rule(
        'A payment cannot exceed what is still owed on an invoice',
        input.allocations.flatMap((a, i) => {
          const open = invoices.get(a.invoiceId)!.open_balance;
          return a.amount > open
            ? [{ field: `allocations.${i}.amount`, message: `exceeds the open balance of ${open}` }]
            : [];
        }),
      );
    }
    const amount = input.allocations.reduce((sum, a) => sum + a.amount, 0);
    const fee = convenienceFee(
      amount,
      method.type,
      await this.paymentSettings.feePolicy(),
      organization.convenience_fee_waived,
    );
    return {
      adjustments,
      amount,
      currency: [...currencies][0],
      fee,
      invoices,
      method,
      organization,
      tentative,
    };
  }

  /** Writes a payment (and the guard's reductions) and returns its id; the caller commits. */
  private async book(
    manager: EntityManager,
    auth: AuthContext,
    input: PaymentInput,
    today: string,
    claim: IdempotencyClaim | null,
    installment: { planId: string; number: number; count: number } | null = null,
  ): Promise<string> {
    const prepared = await this.prepare(manager, input, {
      excludePlanId: installment?.planId,
      lock: true,
    });
    const scheduled = input.scheduledFor !== undefined;
    const saved = await manager.getRepository(Payment).save({
      amount: prepared.amount,
      createdBy: auth.label,
      currency: prepared.currency,
      fee: prepared.fee,
      gateway: prepared.method.gateway as never,
      installmentCount: installment?.count ?? null,
      installmentNumber: installment?.number ?? null,
      installmentPlanId: installment?.planId ?? null,
      organizationId: input.organizationId,
      origin: auth.kind === 'apiKey' ? 'api' : 'staff',
      paymentMethodId: input.paymentMethodId,
      receiptRecipients: input.receiptRecipients ?? [],
      scheduledFor: input.scheduledFor ?? null,
      status: scheduled ? 'scheduled' : 'processing',
      total: prepared.amount + prepared.fee,
    });
    await manager.getRepository(PaymentAllocation).insert(
      input.allocations.map((a, position) => ({
        amount: a.amount,
        invoiceId: a.invoiceId,
        paymentId: saved.id,
        position,
        requestedAmount: a.amount,
      })),
    );
    const number = paymentNumber(saved.sequence);
    await this.ledger.event(
      manager,
      saved.id,
      'created',
      auth,
      `${number} created for ${formatAmount(prepared.amount + prepared.fee, prepared.currency)}`,
      {
        amount: prepared.amount,
        fee: prepared.fee,
        receiptRecipients: input.receiptRecipients ?? [],
      },
    );
    if (scheduled) {
      await this.ledger.event(
        manager,
        saved.id,
        'scheduled',
        auth,
        `Scheduled for ${input.scheduledFor}`,
        {
          scheduledFor: input.scheduledFor,
        },
      );
      await this.outbox.add(
        manager,
        'payment.scheduled',
        { id: saved.id, type: 'payment' },
        {
          paymentId: saved.id,
          scheduledFor: input.scheduledFor,
        },
      );
    } else {
      await this.ledger.shiftPending(manager, input.organizationId, input.allocations, today);
      await this.runner.addAttempt(manager, saved.id, 1, saved.total);
    }
    // An installment plan is guarded once, as a whole, by createInstallments.
    if (!installment) await this.applyGuard(manager, auth, prepared, number);
    if (claim) await claim.attach(manager, saved.id);
    await this.audit.record(
      auth,
      {
        action: scheduled ? 'payment.scheduled' : 'payment.created',
        after: { ...input, amount: prepared.amount, fee: prepared.fee, number },
        entityId: saved.id,
        entityType: 'payment',
      },
      manager,
    );
    return saved.id;
  }

  /** Reduces (or cancels) tentative payments so that no invoice can be paid twice over. */
  private async applyGuard(
    manager: EntityManager,
    actor: Actor,
    prepared: PreparedPayment,
    byNumber: string,
  ): Promise<void> {
    if (prepared.adjustments.length === 0) return;
    for (const adjustment of prepared.adjustments)
      await manager.query(
        'UPDATE payment_allocations SET amount = $3 WHERE payment_id = $1 AND invoice_id = $2',
        [adjustment.paymentId, adjustment.invoiceId, adjustment.toAmount],
      );
    for (const change of adjustmentsByPayment(prepared.tentative, prepared.adjustments)) {
      const fee = await this.ledger.feeFor(manager, change.paymentId, change.toAmount);
      await manager.getRepository(Payment).update(change.paymentId, {
        amount: change.toAmount,
        fee,
        status: change.cancelled ? 'cancelled' : undefined,
        total: change.toAmount + fee,
      });
      const data = {
        byPayment: byNumber,
        fromAmount: change.fromAmount,
        toAmount: change.toAmount,
      };
      if (change.cancelled) {
        await this.ledger.event(
          manager,
          change.paymentId,
          'cancelled',
          actor,
          `Cancelled by the overpayment guard: ${byNumber} pays the same invoices`,
          data,
        );
        await this.outbox.add(
          manager,
          'payment.cancelled',
          { id: change.paymentId, type: 'payment' },
          { ...data, paymentId: change.paymentId, reason: 'overpayment_guard' },
        );
      } else {
        await this.ledger.event(
          manager,
          change.paymentId,
          'adjusted',
          actor,
          `Reduced from ${formatAmount(change.fromAmount, prepared.currency)} to ${formatAmount(change.toAmount, prepared.currency)} by the overpayment guard (${byNumber})`,
          data,
        );
        await this.outbox.add(
          manager,
          'payment.adjusted',
          { id: change.paymentId, type: 'payment' },
          { ...data, paymentId: change.paymentId },
        );
      }
    }
  }

  /**
   * Every allocation of the tentative payments that touch these invoices, including their
   * allocations to other invoices: a reduced payment's new amount is the sum of all of them.
   */
  private async tentativeAllocations(
    manager: EntityManager,
    invoiceIds: string[],
    options: { lock: boolean; excludePlanId?: string },
  ): Promise<TentativeRow[]> {
    const rows: Record<string, string>[] = await manager.query(
      `SELECT a.payment_id, a.invoice_id, a.amount,
              coalesce(p.scheduled_for, p.created_at::date)::text AS run_date, p.created_at, p.sequence
         FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
        WHERE p.id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id = ANY($1::uuid[]))
          AND a.amount > 0
          AND p.status IN ('scheduled', 'pending_approval')
          AND ($2::uuid IS NULL OR p.installment_plan_id IS DISTINCT FROM $2::uuid)
        ORDER BY p.id, a.position ${options.lock ? 'FOR UPDATE OF p' : ''}`,
      [invoiceIds, options.excludePlanId ?? null],
    );
    return rows.map((r) => ({
      amount: Number(r.amount),
      createdAt: new Date(r.created_at).toISOString(),
      invoiceId: r.invoice_id,
      paymentId: r.payment_id,
      runDate: r.run_date,
      sequence: Number(r.sequence),
    }));
  }

  private async lockPayment(manager: EntityManager, id: string): Promise<Payment> {
    const payment = await this.ledger.lockPayment(manager, id);
    if (!payment) throw AppException.notFound('Payment');
    return payment;
  }
}

function checkScheduledFor(date: string | undefined, today: string, field: string): void {
  if (date === undefined) return;
  if (date < today) throw AppException.invalidField(field, `must be today (${today}) or later`);
  if (daysBetween(today, date) > MAX_SCHEDULE_DAYS)
    throw AppException.invalidField(field, `must be within ${MAX_SCHEDULE_DAYS} days`);
}

/** For timeline summaries only; amounts themselves stay integers in minor units. */
export function formatAmount(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { currency, style: 'currency' }).format(
    minor / 10 ** minorUnitDigits(currency),
  );
}
