import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  adjustmentsByPayment,
  convenienceFee,
  ConvenienceFeePolicy,
  daysBetween,
  GuardAdjustment,
  guardOverpayment,
  isAwaitingAccounting,
  isPayable,
  isTentative,
  OverpaymentError,
  splitInstallments,
} from '@settle/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext, Payer, SYSTEM_ACTOR } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { FieldError } from '../../common/errors/problem';
import { PortalScope } from '../../common/portal-scope';
import {
  IdempotencyClaim,
  IdempotencyService,
  StoredResponse,
} from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit';
import { PaymentSettingsService } from '../gateways';
import { InvoiceForPayment, InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { PaymentMethod, PaymentMethodsService } from '../payment-methods';
import { OutboxService } from '../outbox';
import { SettingsService } from '../settings';
import {
  AllocationInputDto,
  CancelPaymentDto,
  CreateInstallmentsDto,
  CreatePaymentDto,
  InstallmentsResponseDto,
  PaymentQuoteDto,
  PaymentResponseDto,
  PortalCreatePaymentDto,
  PortalPaymentResponseDto,
  ReschedulePaymentDto,
} from './dto/payment.dto';
import { formatAmount } from './format-amount';
import { PaymentQueriesService } from './payment-queries.service';
import {
  actorLabel,
  newAttempt,
  paymentNumber,
  PaymentLedger,
  TimelineEntry,
} from './payment-ledger';
import { ChargeContext, PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { PaymentOrigin } from './payment.entity';
import { PaymentsRepository, TentativeAllocationRow } from './payments.repository';

/** Where a payment came from, by who made it. */
const PAYMENT_ORIGIN = {
  apiKey: 'api',
  contact: 'portal',
  user: 'staff',
} as const satisfies Record<Payer['kind'], PaymentOrigin>;

/** What one AutoPay run asks of one invoice: the domain's verdict, to be booked and charged. */
export interface AutopayCharge {
  organizationId: string;
  invoiceId: string;
  paymentMethodId: string;
  amount: number;
  runDate: string;
  ruleId: string;
  /** How the payment's timeline names the rule, e.g. "Rule 2". */
  ruleLabel: string;
  needsApproval: boolean;
}

/** What became of an AutoPay charge. */
export type AutopayChargeResult =
  | {
      outcome: 'charged' | 'failed' | 'pending_approval';
      paymentId: string;
      message: string | null;
    }
  | { outcome: 'duplicate'; paymentId: null; message: string }
  | { outcome: 'refused'; paymentId: null; message: string };

const AUTOPAY_IDENTITY = 'UQ_payments_autopay_invoice_run_date';

/** Scheduling further out than this is almost always a typo. */
const MAX_SCHEDULE_DAYS = 366;

interface PaymentInput {
  organizationId: string;
  paymentMethodId: string;
  allocations: AllocationInputDto[];
  scheduledFor?: string;
  receiptRecipients?: string[];
}

/** Everything read before a payment is written; settings a transaction must not fetch itself. */
interface PaymentContext {
  today: string;
  feePolicy: ConvenienceFeePolicy | null;
  /**
   * How to answer a method or invoice that is not the organization's: staff and integrators
   * named a wrong id (bad input, naming the field); a portal contact reached for a record of an
   * organization it has no access to (a 404, as for one that does not exist).
   */
  foreignIds: 'bad_input' | 'not_found';
}

/** How one caller's payments are keyed for idempotency and shown once made. */
interface PaymentChannel<T> {
  endpoint: string;
  foreignIds: PaymentContext['foreignIds'];
  present: (paymentId: string) => Promise<T>;
}

/** Everything checked and computed before a payment is written; `quote` stops here. */
interface PreparedPayment {
  method: PaymentMethod;
  invoices: Map<string, InvoiceForPayment>;
  currency: string;
  amount: number;
  fee: number;
  adjustments: GuardAdjustment[];
  tentative: TentativeAllocationRow[];
}

/**
 * Creating, quoting, cancelling and rescheduling payments. Each runs in one transaction that
 * locks the invoices it touches, so concurrent payments can never take an invoice below zero.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly ledger: PaymentLedger,
    private readonly queries: PaymentQueriesService,
    private readonly runner: PaymentRunnerService,
    private readonly scheduler: PaymentSchedulerService,
    private readonly invoices: InvoicesService,
    private readonly organizations: OrganizationsService,
    private readonly methods: PaymentMethodsService,
    private readonly idempotency: IdempotencyService,
    private readonly settings: SettingsService,
    private readonly paymentSettings: PaymentSettingsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A payment as its receipt and notices describe it (allocations with invoice numbers, method,
   * refunds), read in the caller's transaction; null when there is no such payment.
   */
  forNotification(manager: EntityManager, id: string): Promise<PaymentResponseDto | null> {
    return this.queries.find(manager, id);
  }

  quote(dto: CreatePaymentDto): Promise<PaymentQuoteDto> {
    return this.quoteFor(dto, 'bad_input');
  }

  /** The portal's quote: the scope's organization's invoices and methods only. */
  quoteForPortal(scope: PortalScope, dto: PortalCreatePaymentDto): Promise<PaymentQuoteDto> {
    scope.require('pay');
    return this.quoteFor({ ...dto, organizationId: scope.organizationId }, 'not_found');
  }

  private async quoteFor(
    dto: PaymentInput,
    foreignIds: PaymentContext['foreignIds'],
  ): Promise<PaymentQuoteDto> {
    const context = await this.context(foreignIds);
    checkScheduledFor(dto.scheduledFor, context.today, 'scheduledFor');
    rejectRepeatedInvoices(dto.allocations);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const prepared = await this.prepare(manager, dto, context, { lock: false });
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
          openBalance: prepared.invoices.get(a.invoiceId)!.openBalance,
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
    return this.createPayment(auth, dto, idempotencyKey, {
      endpoint: 'POST /payments',
      foreignIds: 'bad_input',
      present: (id) => this.queries.get(id),
    });
  }

  /**
   * A portal contact pays for the scope's organization, through the same checks, fees, guard and
   * idempotency as staff; the payment is the portal's and names the contact as its maker, so
   * its receipt goes to them.
   */
  createForPortal(
    scope: PortalScope,
    dto: PortalCreatePaymentDto,
    idempotencyKey: string,
  ): Promise<StoredResponse<PortalPaymentResponseDto>> {
    scope.require('pay');
    return this.createPayment(
      scope.actor,
      { ...dto, organizationId: scope.organizationId },
      idempotencyKey,
      {
        endpoint: 'POST /portal/organizations/{organizationId}/payments',
        foreignIds: 'not_found',
        present: (id) => this.queries.getForPortal(scope, id),
      },
    );
  }

  private createPayment<T>(
    payer: Payer,
    input: PaymentInput,
    idempotencyKey: string | undefined,
    channel: PaymentChannel<T>,
  ): Promise<StoredResponse<T>> {
    return this.idempotency.run(
      { auth: payer, body: input, endpoint: channel.endpoint, key: idempotencyKey },
      async (claim) => {
        const context = await this.context(channel.foreignIds);
        checkScheduledFor(input.scheduledFor, context.today, 'scheduledFor');
        rejectRepeatedInvoices(input.allocations);
        const { id, charge } = await this.dataSource.transaction((manager) =>
          this.book(manager, payer, input, context, claim),
        );
        if (input.scheduledFor) await this.scheduler.enqueueRun(id, input.scheduledFor);
        if (charge) await this.runner.chargeAttempt(charge, payer);
        return { body: await channel.present(id), status: 201 };
      },
      // The first request committed the payment, then failed or died: finish the charge (the
      // same gateway key finds the same charge, if it was made) and answer as it would have.
      async (id) => {
        await this.runner.charge(id, payer);
        return { body: await channel.present(id), status: 201 };
      },
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
        const context = await this.context('bad_input');
        checkScheduledFor(dto.firstDate, context.today, 'firstDate');
        rejectRepeatedInvoices(dto.allocations);
        const plan = splitInstallments(dto.allocations, dto.count, dto.firstDate, dto.interval);
        const last = plan[plan.length - 1].scheduledFor;
        if (daysBetween(context.today, last) > MAX_SCHEDULE_DAYS)
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
            context,
            { lock: true },
          );
          const created: string[] = [];
          for (const [index, installment] of plan.entries())
            created.push(
              (
                await this.book(
                  manager,
                  auth,
                  {
                    ...dto,
                    allocations: installment.allocations,
                    scheduledFor: installment.scheduledFor,
                  },
                  context,
                  index === 0 ? claim : null,
                  { count: plan.length, number: index + 1, planId },
                )
              ).id,
            );
          await this.applyGuard(manager, auth, whole, context, 'a new installment plan');
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
        const ids = await this.payments.planOf(this.dataSource.manager, firstId);
        const payments = await Promise.all(ids.map((id) => this.queries.get(id)));
        return {
          body: { payments, planId: payments[0]?.installment?.planId ?? firstId },
          status: 201,
        };
      },
    );
  }

  /**
   * Books (and, unless it waits for approval, charges) what an AutoPay rule decided for one
   * invoice on one run date, through the same checks, fee and guard as any payment. The
   * (invoice, run date) unique index makes a repeated run, a second worker or a retry after a
   * crash find the payment already there instead of charging twice.
   */
  async chargeAutopay(charge: AutopayCharge): Promise<AutopayChargeResult> {
    const context = await this.context('bad_input');
    const input: PaymentInput = {
      allocations: [{ amount: charge.amount, invoiceId: charge.invoiceId }],
      organizationId: charge.organizationId,
      paymentMethodId: charge.paymentMethodId,
    };
    let booked: { id: string; charge: ChargeContext | null };
    try {
      booked = await this.dataSource.transaction(async (manager) => {
        const prepared = await this.prepare(manager, input, context, { lock: true });
        const id = randomUUID();
        const total = prepared.amount + prepared.fee;
        const waiting = charge.needsApproval;
        const summary = `Created by AutoPay (${charge.ruleLabel}, run of ${charge.runDate}) for ${formatAmount(total, prepared.currency)}${waiting ? ', waiting for staff approval' : ''}`;
        const { payment, attempt } = await this.ledger.book(
          manager,
          {
            amount: prepared.amount,
            autopayInvoiceId: charge.invoiceId,
            autopayRuleId: charge.ruleId,
            autopayRunDate: charge.runDate,
            createdBy: 'AutoPay',
            currency: prepared.currency,
            fee: prepared.fee,
            gateway: prepared.method.gateway,
            id,
            installmentCount: null,
            installmentNumber: null,
            installmentPlanId: null,
            organizationId: charge.organizationId,
            origin: 'autopay',
            paymentMethodId: charge.paymentMethodId,
            receiptRecipients: [],
            scheduledFor: null,
            status: waiting ? 'pending_approval' : 'processing',
            total,
          },
          input.allocations,
          {
            attempt: waiting ? null : newAttempt(id, 1, total),
            timeline: [
              {
                actor: SYSTEM_ACTOR,
                data: { amount: prepared.amount, fee: prepared.fee, ruleId: charge.ruleId },
                summary,
                type: 'created',
              },
            ],
          },
        );
        await this.applyGuard(
          manager,
          SYSTEM_ACTOR,
          prepared,
          context,
          paymentNumber(payment.sequence),
        );
        if (waiting) {
          await this.outbox.add(
            manager,
            'payment.pending_approval',
            { id, type: 'payment' },
            { paymentId: id, runDate: charge.runDate },
          );
          return { charge: null, id };
        }
        await this.ledger.shiftPending(
          manager,
          input.allocations,
          context.today,
          prepared.invoices,
        );
        return { charge: { attempt: attempt!, method: prepared.method, payment }, id };
      });
    } catch (error) {
      if (isUniqueViolation(error, AUTOPAY_IDENTITY))
        return {
          message: `AutoPay already made a payment for this invoice on ${charge.runDate}`,
          outcome: 'duplicate',
          paymentId: null,
        };
      if (error instanceof AppException)
        return { message: error.message, outcome: 'refused', paymentId: null };
      throw error;
    }
    if (!booked.charge) return { message: null, outcome: 'pending_approval', paymentId: booked.id };
    await this.runner.chargeAttempt(booked.charge, SYSTEM_ACTOR);
    const after = await this.queries.get(booked.id);
    return {
      message: after.failureMessage,
      outcome: after.status === 'failed' ? 'failed' : 'charged',
      paymentId: booked.id,
    };
  }

  /** Staff let an AutoPay payment waiting for approval be charged now. */
  async approve(actor: Actor, id: string): Promise<PaymentResponseDto> {
    const { today } = await this.settings.mspCalendar();
    const charge = await this.dataSource.transaction(async (manager) =>
      this.ledger.withPaymentLock(manager, id, async (locked) => {
        const { payment } = locked;
        if (payment.status !== 'pending_approval')
          throw AppException.conflict(
            `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only payments waiting for approval can be approved`,
          );
        const method = await this.methods.forPayment(
          manager,
          payment.organizationId,
          payment.paymentMethodId,
        );
        if (!method || method.status !== 'active')
          throw AppException.rule(
            `The payment method is ${method ? method.status : 'removed'}; reject this payment and charge another method`,
          );
        const attempt = await this.ledger.transition(
          manager,
          payment,
          'processing',
          {},
          {
            attempt: newAttempt(id, 1, payment.total),
            timeline: [
              { actor, data: {}, summary: `Approved by ${actorLabel(actor)}`, type: 'approved' },
            ],
          },
        );
        await this.ledger.shiftPending(
          manager,
          locked.allocations.map((a) => ({ amount: a.amount, invoiceId: a.invoiceId })),
          today,
          locked.invoices,
        );
        await this.audit.record(manager, actor, {
          action: 'payment.approved',
          after: { status: 'processing' },
          before: { status: 'pending_approval' },
          entityId: id,
          entityLabel: paymentNumber(payment.sequence),
          entityType: 'payment',
          organizationId: payment.organizationId,
        });
        return {
          attempt: attempt!,
          method,
          payment: { ...payment, status: 'processing' as const },
        };
      }),
    );
    if (!charge) throw AppException.notFound('Payment');
    await this.runner.chargeAttempt(charge, actor);
    return this.queries.get(id);
  }

  /**
   * Staff refuse an AutoPay payment waiting for approval. Unlike a cancellation it tells the
   * customer nothing (they were never told of it), and the run date stays used: the same day's
   * run will not make it again.
   */
  async reject(actor: Actor, id: string): Promise<PaymentResponseDto> {
    const found = await this.dataSource.transaction(async (manager) =>
      this.ledger.withPaymentLock(
        manager,
        id,
        async ({ payment }) => {
          if (payment.status !== 'pending_approval')
            throw AppException.conflict(
              `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only payments waiting for approval can be rejected`,
            );
          await this.ledger.transition(manager, payment, 'cancelled');
          await this.ledger.event(
            manager,
            id,
            'cancelled',
            actor,
            `Rejected by ${actorLabel(actor)}`,
            { rejected: true },
          );
          await this.outbox.add(
            manager,
            'payment.rejected',
            { id, type: 'payment' },
            { paymentId: id },
          );
          await this.audit.record(manager, actor, {
            action: 'payment.rejected',
            after: { status: 'cancelled' },
            before: { status: 'pending_approval' },
            entityId: id,
            entityLabel: paymentNumber(payment.sequence),
            entityType: 'payment',
            organizationId: payment.organizationId,
          });
          return true;
        },
        { invoices: false },
      ),
    );
    if (!found) throw AppException.notFound('Payment');
    return this.queries.get(id);
  }

  async cancel(actor: Actor, id: string, dto: CancelPaymentDto): Promise<PaymentResponseDto> {
    await this.cancelScheduled(actor, id, dto);
    return this.queries.get(id);
  }

  /**
   * A contact cancels one of the scope's organization's scheduled payments, as staff would; a
   * payment of another organization is a 404 and is left as it was.
   */
  async cancelForPortal(
    scope: PortalScope,
    id: string,
    dto: CancelPaymentDto,
  ): Promise<PortalPaymentResponseDto> {
    scope.require('pay');
    await this.cancelScheduled(scope.actor, id, dto, scope.organizationId);
    return this.queries.getForPortal(scope, id);
  }

  private async cancelScheduled(
    actor: Actor,
    id: string,
    dto: CancelPaymentDto,
    organizationId?: string,
  ): Promise<void> {
    const scheduledFor = await this.dataSource.transaction(async (manager) =>
      this.ledger.withPaymentLock(
        manager,
        id,
        async ({ payment }) => {
          if (!isTentative(payment.status))
            throw AppException.conflict(
              `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only scheduled payments can be cancelled (refund a settled one instead)`,
            );
          const before = payment.status;
          await this.ledger.transition(manager, payment, 'cancelled');
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
          await this.audit.record(manager, actor, {
            action: 'payment.cancelled',
            after: { reason: dto.reason ?? null, status: 'cancelled' },
            before: { status: before },
            entityId: id,
            entityLabel: paymentNumber(payment.sequence),
            entityType: 'payment',
            organizationId: payment.organizationId,
          });
          return { date: payment.scheduledFor };
        },
        { organizationId },
      ),
    );
    if (!scheduledFor) throw AppException.notFound('Payment');
    if (scheduledFor.date) await this.scheduler.removeRun(id, scheduledFor.date);
  }

  async reschedule(
    actor: Actor,
    id: string,
    dto: ReschedulePaymentDto,
  ): Promise<PaymentResponseDto> {
    await this.rescheduleScheduled(actor, id, dto);
    return this.queries.get(id);
  }

  /** A contact moves one of the scope's organization's scheduled payments to another day. */
  async rescheduleForPortal(
    scope: PortalScope,
    id: string,
    dto: ReschedulePaymentDto,
  ): Promise<PortalPaymentResponseDto> {
    scope.require('pay');
    await this.rescheduleScheduled(scope.actor, id, dto, scope.organizationId);
    return this.queries.getForPortal(scope, id);
  }

  private async rescheduleScheduled(
    actor: Actor,
    id: string,
    dto: ReschedulePaymentDto,
    organizationId?: string,
  ): Promise<void> {
    const { today } = await this.settings.mspCalendar();
    checkScheduledFor(dto.scheduledFor, today, 'scheduledFor');
    const previous = await this.dataSource.transaction(async (manager) =>
      this.ledger.withPaymentLock(
        manager,
        id,
        async ({ payment }) => {
          if (payment.status !== 'scheduled')
            throw AppException.conflict(
              `Payment ${paymentNumber(payment.sequence)} is ${payment.status}; only scheduled payments can be rescheduled`,
            );
          await this.payments.update(manager, id, { scheduledFor: dto.scheduledFor });
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
            { from: payment.scheduledFor, paymentId: id, to: dto.scheduledFor },
          );
          await this.audit.record(manager, actor, {
            action: 'payment.rescheduled',
            after: { scheduledFor: dto.scheduledFor },
            before: { scheduledFor: payment.scheduledFor },
            entityId: id,
            entityLabel: paymentNumber(payment.sequence),
            entityType: 'payment',
            organizationId: payment.organizationId,
          });
          return { date: payment.scheduledFor };
        },
        { organizationId },
      ),
    );
    if (!previous) throw AppException.notFound('Payment');
    if (previous.date) await this.scheduler.removeRun(id, previous.date);
    await this.scheduler.enqueueRun(id, dto.scheduledFor);
  }

  /** Read before a transaction opens: on a cold cache each needs a connection of its own. */
  private async context(foreignIds: PaymentContext['foreignIds']): Promise<PaymentContext> {
    const [{ today }, feePolicy] = await Promise.all([
      this.settings.mspCalendar(),
      this.paymentSettings.feePolicy(),
    ]);
    return { feePolicy, foreignIds, today };
  }

  /** Checks references and rules, computes the fee and the overpayment guard's adjustments. */
  private async prepare(
    manager: EntityManager,
    input: PaymentInput,
    context: PaymentContext,
    options: { lock: boolean; excludePlanId?: string },
  ): Promise<PreparedPayment> {
    const method = await this.methods.forPayment(
      manager,
      input.organizationId,
      input.paymentMethodId,
    );
    if (!method) {
      if (context.foreignIds === 'not_found') throw AppException.notFound('Payment method');
      // Which of the two references is wrong: an unknown organization has no methods at all.
      await this.organizations.findOrFail(manager, input.organizationId, {
        field: 'organizationId',
      });
      throw AppException.invalidField(
        'paymentMethodId',
        'is not a payment method of this organization',
      );
    }
    if (method.status !== 'active')
      throw AppException.rule(
        `The payment method is ${method.status}; choose another or unlock it`,
        [{ field: 'paymentMethodId', message: `is ${method.status}` }],
      );

    const ids = input.allocations.map((a) => a.invoiceId);
    const invoices = await this.invoices.forPayment(manager, ids, { lock: options.lock });
    const unknown: FieldError[] = input.allocations.flatMap((a, i) =>
      invoices.get(a.invoiceId)?.organizationId === input.organizationId
        ? []
        : [
            {
              field: `allocations.${i}.invoiceId`,
              message: 'is not an invoice of this organization',
            },
          ],
    );
    if (unknown.length && context.foreignIds === 'not_found')
      throw AppException.notFound('Invoice');
    if (unknown.length) throw AppException.badRequest('Unknown invoices in allocations', unknown);
    const unpayable: FieldError[] = input.allocations.flatMap((a, i) => {
      const invoice = invoices.get(a.invoiceId)!;
      const balances = {
        isOpen: invoice.status === 'open',
        openBalance: invoice.openBalance,
        sourceBalance: invoice.sourceBalance,
      };
      if (isPayable(balances)) return [];
      const message = isAwaitingAccounting(balances)
        ? 'is paid, waiting for accounting'
        : balances.isOpen
          ? 'has nothing left to pay'
          : `is ${invoice.status}`;
      return [{ field: `allocations.${i}.invoiceId`, message }];
    });
    if (unpayable.length)
      throw AppException.rule(
        'Only open invoices with something left to pay can be paid',
        unpayable,
      );
    const currencies = new Set([...invoices.values()].map((i) => i.currency));
    if (currencies.size > 1)
      throw AppException.rule('One payment pays invoices of one currency', [
        { field: 'allocations', message: `mixes ${[...currencies].join(' and ')}` },
      ]);

    const tentative = await this.payments.tentativeAllocations(manager, ids, options);
    const openBalances = new Map([...invoices.values()].map((i) => [i.id, i.openBalance]));
    let adjustments: GuardAdjustment[];
    try {
      adjustments = guardOverpayment(openBalances, input.allocations, tentative);
    } catch (error) {
      if (!(error instanceof OverpaymentError)) throw error;
      throw AppException.rule(
        'A payment cannot exceed what is still owed on an invoice',
        input.allocations.flatMap((a, i) => {
          const open = invoices.get(a.invoiceId)!.openBalance;
          return a.amount > open
            ? [{ field: `allocations.${i}.amount`, message: `exceeds the open balance of ${open}` }]
            : [];
        }),
      );
    }
    const amount = input.allocations.reduce((sum, a) => sum + a.amount, 0);
    // The organization's waiver only matters when a fee would be charged on this method.
    const waived =
      context.feePolicy !== null &&
      method.type === 'card' &&
      (await this.organizations.findOrFail(manager, input.organizationId)).convenienceFeeWaived;
    const fee = convenienceFee(amount, method.type, context.feePolicy, waived);
    return {
      adjustments,
      amount,
      currency: [...currencies][0],
      fee,
      invoices,
      method,
      tentative,
    };
  }

  /**
   * Writes a payment (and the guard's reductions); the caller commits, then charges what is due
   * now with the attempt written here.
   */
  private async book(
    manager: EntityManager,
    auth: Payer,
    input: PaymentInput,
    context: PaymentContext,
    claim: IdempotencyClaim | null,
    installment: { planId: string; number: number; count: number } | null = null,
  ): Promise<{ id: string; charge: ChargeContext | null }> {
    const prepared = await this.prepare(manager, input, context, {
      excludePlanId: installment?.planId,
      lock: true,
    });
    const scheduled = input.scheduledFor !== undefined;
    const id = randomUUID();
    const total = prepared.amount + prepared.fee;
    const amounts = formatAmount(total, prepared.currency);
    const timeline: TimelineEntry[] = [
      {
        actor: auth,
        data: {
          amount: prepared.amount,
          fee: prepared.fee,
          receiptRecipients: input.receiptRecipients ?? [],
        },
        summary: `Created for ${amounts}`,
        type: 'created',
      },
    ];
    if (scheduled)
      timeline.push({
        actor: auth,
        data: { scheduledFor: input.scheduledFor },
        summary: `Scheduled for ${input.scheduledFor}`,
        type: 'scheduled',
      });
    const { payment, attempt } = await this.ledger.book(
      manager,
      {
        amount: prepared.amount,
        createdBy: auth.label,
        currency: prepared.currency,
        fee: prepared.fee,
        gateway: prepared.method.gateway,
        id,
        autopayInvoiceId: null,
        autopayRuleId: null,
        autopayRunDate: null,
        installmentCount: installment?.count ?? null,
        installmentNumber: installment?.number ?? null,
        installmentPlanId: installment?.planId ?? null,
        organizationId: input.organizationId,
        origin: PAYMENT_ORIGIN[auth.kind],
        paymentMethodId: input.paymentMethodId,
        receiptRecipients: input.receiptRecipients ?? [],
        scheduledFor: input.scheduledFor ?? null,
        status: scheduled ? 'scheduled' : 'processing',
        total,
      },
      input.allocations,
      { attempt: scheduled ? null : newAttempt(id, 1, total), timeline },
    );
    const number = paymentNumber(payment.sequence);
    let charge: ChargeContext | null = null;
    if (scheduled) {
      await this.outbox.add(
        manager,
        'payment.scheduled',
        { id, type: 'payment' },
        { paymentId: id, scheduledFor: input.scheduledFor },
      );
    } else {
      await this.ledger.shiftPending(manager, input.allocations, context.today, prepared.invoices);
      charge = { attempt: attempt!, method: prepared.method, payment };
    }
    // An installment plan is guarded once, as a whole, by createInstallments.
    if (!installment) await this.applyGuard(manager, auth, prepared, context, number);
    if (claim) await claim.attach(manager, id);
    await this.audit.record(manager, auth, {
      action: scheduled ? 'payment.scheduled' : 'payment.created',
      after: { ...input, amount: prepared.amount, fee: prepared.fee, number },
      entityId: id,
      entityLabel: number,
      entityType: 'payment',
      organizationId: input.organizationId,
    });
    return { charge, id };
  }

  /** Reduces (or cancels) tentative payments so that no invoice can be paid twice over. */
  private async applyGuard(
    manager: EntityManager,
    actor: Actor,
    prepared: PreparedPayment,
    context: PaymentContext,
    byNumber: string,
  ): Promise<void> {
    if (prepared.adjustments.length === 0) return;
    for (const adjustment of prepared.adjustments)
      await this.payments.setAllocationAmount(
        manager,
        adjustment.paymentId,
        adjustment.invoiceId,
        adjustment.toAmount,
      );
    const changes = adjustmentsByPayment(prepared.tentative, prepared.adjustments);
    const adjusted = new Map(
      (
        await this.payments.findMany(
          manager,
          changes.map((c) => c.paymentId),
        )
      ).map((p) => [p.id, p]),
    );
    for (const change of changes) {
      const payment = adjusted.get(change.paymentId)!;
      const fee = await this.ledger.feeFor(manager, payment, change.toAmount, context.feePolicy);
      const amounts = { amount: change.toAmount, fee, total: change.toAmount + fee };
      if (change.cancelled) await this.ledger.transition(manager, payment, 'cancelled', amounts);
      else await this.payments.update(manager, payment.id, amounts);
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
}

/** Each invoice may appear once in allocations; checked before anything is split or read. */
function rejectRepeatedInvoices(allocations: AllocationInputDto[]): void {
  const seen = new Set<string>();
  const repeated: FieldError[] = [];
  allocations.forEach((a, i) => {
    if (seen.has(a.invoiceId))
      repeated.push({ field: `allocations.${i}.invoiceId`, message: 'appears more than once' });
    seen.add(a.invoiceId);
  });
  if (repeated.length)
    throw AppException.badRequest('Each invoice may appear once in allocations', repeated);
}

function checkScheduledFor(date: string | undefined, today: string, field: string): void {
  if (date === undefined) return;
  if (date < today) throw AppException.invalidField(field, `must be today (${today}) or later`);
  if (daysBetween(today, date) > MAX_SCHEDULE_DAYS)
    throw AppException.invalidField(field, `must be within ${MAX_SCHEDULE_DAYS} days`);
}

/** A PostgreSQL unique violation of this constraint (or index), as TypeORM reports it. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
