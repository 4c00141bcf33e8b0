import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertAccountingSyncTransition, canAccountingSyncTransition } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { InvoicesService } from '../invoices';
import { SettingsService } from '../settings';
import { AccountingSyncService } from './accounting-sync.service';
import { PaymentResponseDto } from './dto/payment.dto';
import { actorLabel, paymentNumber } from './payment-ledger';
import { PaymentQueriesService } from './payment-queries.service';
import { Payment } from './payment.entity';
import { AccountingSyncChanges, PaymentsRepository, TimelineRow } from './payments.repository';

type PaymentSyncAuditAction =
  | 'payment.accounting_sync_retried'
  | 'payment.accounting_sync_dismissed'
  | 'payment.hidden_from_portal'
  | 'payment.shown_in_portal';

/**
 * Staff's actions on a payment failing to sync (seed 004): Retry, Dismiss Syncing, and Hide from
 * the portal (or show it again). Each is audited, answers 409 when the payment's state does not
 * allow it, and is a no-op when the payment is already in the target state.
 */
@Injectable()
export class PaymentSyncActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly queries: PaymentQueriesService,
    private readonly audit: AuditService,
    private readonly accountingSync: AccountingSyncService,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
  ) {}

  /** Staff's Retry: a failed sync back in the queue at once; already pending is a no-op. */
  retry(actor: Actor, id: string): Promise<PaymentResponseDto> {
    return this.staffChange(actor, id, 'payment.accounting_sync_retried', (payment) => {
      if (payment.accountingSyncStatus === 'pending') return null;
      if (payment.accountingSyncStatus !== 'failed')
        throw conflict(payment, 'only a payment failing to sync can be retried');
      return {
        changes: {
          accountingSyncAttempts: 0,
          accountingSyncNextAttemptAt: new Date(),
          accountingSyncStatus: 'pending',
        },
        summary: `Retry of the accounting sync requested by ${actorLabel(actor)}`,
        type: 'accounting_sync_queued',
      };
    });
  }

  /**
   * Staff's Dismiss Syncing: Settle stops pushing a failed or pending payment, which staff
   * recorded by hand in accounting; already dismissed is a no-op.
   */
  async dismiss(actor: Actor, id: string): Promise<PaymentResponseDto> {
    // before the transaction: on a cold settings cache it reads with a connection of its own
    const { today } = await this.settings.mspCalendar();
    return this.staffChange(actor, id, 'payment.accounting_sync_dismissed', (payment) => {
      if (payment.accountingSyncStatus === 'dismissed') return null;
      if (
        !canAccountingSyncTransition(
          payment.accountingSyncStatus,
          'dismissed',
          payment.accountingSyncAction,
        )
      )
        throw conflict(payment, 'only a payment waiting or failing to sync can be dismissed');
      return {
        // Recorded by hand in accounting: the invoices show it there, so Settle stops holding it
        // (a dismissed reversal was released when the money went back).
        alongside:
          payment.accountingSyncAction === 'push'
            ? (manager: EntityManager) => this.releaseHold(manager, payment, today)
            : undefined,
        changes: { accountingSyncNextAttemptAt: null, accountingSyncStatus: 'dismissed' },
        summary: `Syncing dismissed by ${actorLabel(actor)}: recorded by hand in accounting`,
        type: 'accounting_sync_dismissed',
      };
    });
  }

  /** Hides the payment from the portal (or shows it again); already so is a no-op. */
  setHidden(actor: Actor, id: string, hidden: boolean): Promise<PaymentResponseDto> {
    return this.staffChange(
      actor,
      id,
      hidden ? 'payment.hidden_from_portal' : 'payment.shown_in_portal',
      (payment) =>
        payment.hiddenFromPortal === hidden
          ? null
          : {
              hidden,
              summary: hidden
                ? `Hidden from the portal by ${actorLabel(actor)}`
                : `Shown in the portal again by ${actorLabel(actor)}`,
              type: hidden ? 'hidden_from_portal' : 'shown_in_portal',
            },
    );
  }

  /** What the payment (less its refunds) holds on its invoices, now counted by accounting. */
  private async releaseHold(
    manager: EntityManager,
    payment: Payment,
    today: string,
  ): Promise<void> {
    const allocations = await this.payments.allocationsOfMany(manager, [payment.id]);
    await this.invoices.applyAccountingBalances(
      manager,
      allocations.map((a) => ({
        invoiceId: a.invoice_id,
        release: Number(a.amount) - Number(a.amount_refunded),
        sourceBalance: null,
      })),
      today,
    );
  }

  /**
   * One audited staff change of a payment under its row lock; `decide` answers null when the
   * payment is already in the target state (nothing is written) or throws a 409.
   */
  private async staffChange(
    actor: Actor,
    id: string,
    action: PaymentSyncAuditAction,
    decide: (payment: Payment) => {
      alongside?: (manager: EntityManager) => Promise<void>;
      changes?: AccountingSyncChanges;
      hidden?: boolean;
      summary: string;
      type: TimelineRow['type'];
    } | null,
  ): Promise<PaymentResponseDto> {
    let changedSync = false;
    const found = await this.dataSource.transaction(async (manager) => {
      const payment = await this.payments.findById(manager, id, { lock: true });
      if (!payment) return false;
      const decision = decide(payment);
      if (!decision) return true;
      const before = snapshot(payment);
      const timeline: TimelineRow = {
        actor: actorLabel(actor),
        data: null,
        summary: decision.summary,
        type: decision.type,
      };
      if (decision.changes) {
        const to = decision.changes.accountingSyncStatus;
        if (to)
          assertAccountingSyncTransition(
            payment.accountingSyncStatus,
            to,
            payment.accountingSyncAction,
          );
        await this.payments.setAccountingSync(manager, payment, decision.changes, [timeline]);
        await decision.alongside?.(manager);
        changedSync = true;
      } else if (decision.hidden !== undefined)
        await this.payments.setHiddenFromPortal(manager, payment, decision.hidden, [timeline]);
      await this.audit.record(manager, actor, {
        action,
        after: snapshot(payment),
        before,
        entityId: payment.id,
        entityLabel: paymentNumber(payment.sequence),
        entityType: 'payment',
        organizationId: payment.organizationId,
      });
      return true;
    });
    if (!found) throw AppException.notFound('Payment');
    if (changedSync) await this.accountingSync.checkFailingAlert();
    return this.queries.get(id);
  }
}

function snapshot(payment: Payment): object {
  return {
    accountingSync: payment.accountingSyncStatus,
    hiddenFromPortal: payment.hiddenFromPortal,
  };
}

function conflict(payment: Payment, rule: string): AppException {
  return AppException.conflict(
    `Payment ${paymentNumber(payment.sequence)}'s accounting sync is ${payment.accountingSyncStatus}: ${rule}`,
  );
}
