import { Injectable } from '@nestjs/common';
import {
  accountingSyncOnMoneyBack,
  accountingSyncOnSuccess,
  assertAccountingSyncTransition,
  convenienceFee,
  ConvenienceFeePolicy,
  PaymentStatus,
} from '@settle/domain';
import { EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { InvoiceForPayment, InvoicesService, SettlePendingChange } from '../invoices';
import { OrganizationsService } from '../organizations';
import { PaymentMethodsService } from '../payment-methods';
import { SettingsService } from '../settings';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentEventType } from './payment-event.entity';
import { PaymentEventsRepository } from './payment-events.repository';
import { Payment } from './payment.entity';
import { PaymentAttempt } from './payment-attempt.entity';
import {
  AccountingSyncChanges,
  NewAttempt,
  NewPayment,
  PaymentChanges,
  PaymentsRepository,
  TimelineRow,
} from './payments.repository';

/**
 * A payment held under its row lock, with its allocations and its invoices locked before it
 * (both empty when the caller asked not to lock the invoices).
 */
/** One entry of a payment's timeline. */
export interface TimelineEntry {
  type: PaymentEventType;
  actor: Actor | string;
  summary: string;
  data?: Record<string, unknown> | null;
  /** When it happened, if not now. */
  at?: Date;
}

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
    private readonly settings: SettingsService,
  ) {}

  /**
   * Runs `work` with the payment locked the way every payment write locks it: its invoices first
   * (in id order, as new payments lock them), then the payment row. Null when there is no such
   * payment (or, given `organizationId`, no such payment of that organization).
   */
  async withPaymentLock<T>(
    manager: EntityManager,
    paymentId: string,
    work: (locked: LockedPayment) => Promise<T>,
    options: { invoices?: boolean; organizationId?: string } = {},
  ): Promise<T | null> {
    // A payment of another organization is looked at, unlocked, before anything is locked, so
    // a portal contact naming one cannot even make its invoices wait.
    if (options.organizationId !== undefined) {
      const unlocked = await this.payments.findById(manager, paymentId);
      if (unlocked?.organizationId !== options.organizationId) return null;
    }
    // A use case that will not touch the invoices may leave them (and the allocations that name
    // them) alone: holding only the payment, it never waits for an invoice, so the lock order
    // cannot be broken.
    const allocations =
      options.invoices !== false ? await this.payments.allocationsOf(manager, paymentId) : [];
    const invoices =
      options.invoices !== false
        ? await this.invoices.forPayment(
            manager,
            allocations.map((a) => a.invoiceId),
            { lock: true },
          )
        : new Map<string, InvoiceForPayment>();
    const payment = await this.payments.findById(manager, paymentId, { lock: true });
    if (!payment) return null;
    return work({ allocations, invoices, payment });
  }

  /**
   * The one place a payment's status changes; the domain's state machine must allow it. The
   * timeline entries (and a new gateway attempt) that go with the move are written with it, and
   * so is what the move does to the accounting sync: every way a payment succeeds (card now, ACH
   * settled, scheduled, AutoPay) queues its push when an accounting integration pushes payments,
   * and money going back (refunded in full, returned) queues the reversal of a pushed payment.
   */
  async transition(
    manager: EntityManager,
    payment: Payment,
    to: PaymentStatus,
    changes: PaymentChanges = {},
    along: { timeline?: TimelineEntry[]; attempt?: NewAttempt | null } = {},
  ): Promise<PaymentAttempt | null> {
    const accounting = await this.accountingSyncOf(manager, payment, to);
    const timeline = [...(along.timeline ?? []), ...accounting.timeline];
    return this.payments.transition(
      manager,
      payment,
      to,
      { ...changes, ...accounting.changes },
      { attempt: along.attempt, timeline: timeline.map(toRow) },
    );
  }

  private async accountingSyncOf(
    manager: EntityManager,
    payment: Payment,
    to: PaymentStatus,
  ): Promise<{ changes: AccountingSyncChanges; timeline: TimelineEntry[] }> {
    const none = { changes: {}, timeline: [] };
    if (to === 'succeeded') {
      const status = accountingSyncOnSuccess(await this.settings.accountingPushActive(manager));
      if (status === 'not_applicable') return none;
      assertAccountingSyncTransition(payment.accountingSyncStatus, status, 'push');
      return {
        changes: {
          accountingSyncAction: 'push',
          accountingSyncAttempts: 0,
          accountingSyncNextAttemptAt: new Date(),
          accountingSyncStatus: status,
        },
        timeline: [
          {
            actor: 'Settle',
            summary: 'Waiting to sync to accounting',
            type: 'accounting_sync_queued',
          },
        ],
      };
    }
    if (to !== 'refunded' && to !== 'returned') return none;
    const next = accountingSyncOnMoneyBack({
      action: payment.accountingSyncAction,
      status: payment.accountingSyncStatus,
    });
    if (!next) return none;
    assertAccountingSyncTransition(payment.accountingSyncStatus, next.status, next.action);
    if (next.status === 'pending')
      return {
        changes: {
          accountingSyncAction: 'reverse',
          accountingSyncAttempts: 0,
          accountingSyncCause: null,
          accountingSyncError: null,
          accountingSyncNextAttemptAt: new Date(),
          accountingSyncStatus: 'pending',
        },
        timeline: [
          {
            actor: 'Settle',
            summary: 'Waiting to reverse the payment in accounting',
            type: 'accounting_sync_queued',
          },
        ],
      };
    return {
      changes: {
        accountingSyncNextAttemptAt: null,
        accountingSyncStatus: next.status,
      },
      timeline: [
        {
          actor: 'Settle',
          summary: 'Not synced to accounting: the money went back before it was recorded there',
          type: 'accounting_sync_dismissed',
        },
      ],
    };
  }

  /** A payment and its allocations, first timeline entries and (when charged now) attempt. */
  book(
    manager: EntityManager,
    payment: NewPayment & { id: string },
    allocations: { invoiceId: string; amount: number }[],
    along: { timeline: TimelineEntry[]; attempt?: NewAttempt | null },
  ): Promise<{ payment: Payment; attempt: PaymentAttempt | null }> {
    return this.payments.insert(manager, payment, allocations, {
      attempt: along.attempt,
      timeline: along.timeline.map(toRow),
    });
  }

  /**
   * Money into (positive) or out of (negative) what Settle holds on the invoices; `held` are the
   * invoice rows this transaction has locked, when it has them.
   */
  shiftPending(
    manager: EntityManager,
    changes: SettlePendingChange[],
    today: string,
    held?: Map<string, InvoiceForPayment>,
  ): Promise<void> {
    return this.invoices.shiftSettlePending(manager, changes, today, held);
  }

  /** Gives the invoices back what this payment (less its refunds) had taken off them. */
  releaseAllocations(manager: EntityManager, locked: LockedPayment, today: string): Promise<void> {
    return this.shiftPending(
      manager,
      locked.allocations.map((a) => ({
        amount: -(a.amount - a.amountRefunded),
        invoiceId: a.invoiceId,
      })),
      today,
      locked.invoices,
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

  event(
    manager: EntityManager,
    paymentId: string,
    type: PaymentEventType,
    actor: Actor | string,
    summary: string,
    data: Record<string, unknown> | null = null,
  ): Promise<void> {
    return this.record(manager, paymentId, [{ actor, data, summary, type }]);
  }

  /** Several timeline entries in one statement, in order. */
  async record(manager: EntityManager, paymentId: string, entries: TimelineEntry[]): Promise<void> {
    await this.events.insert(
      manager,
      entries.map((e) => ({ ...toRow(e), paymentId })),
    );
  }
}

/** A gateway attempt of a payment, with the idempotency key the gateway will see. */
export function newAttempt(paymentId: string, attemptNumber: number, amount: number): NewAttempt {
  return {
    amount,
    attemptNumber,
    gatewayIdempotencyKey: `settle-payment-${paymentId}-${attemptNumber}`,
  };
}

function toRow(entry: TimelineEntry): TimelineRow {
  return {
    actor: typeof entry.actor === 'string' ? entry.actor : actorLabel(entry.actor),
    at: entry.at,
    data: entry.data ?? null,
    summary: entry.summary,
    type: entry.type,
  };
}
