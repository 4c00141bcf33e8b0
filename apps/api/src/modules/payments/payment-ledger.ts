import { Injectable } from '@nestjs/common';
import { convenienceFee } from '@settle/domain';
import { EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { PaymentSettingsService } from '../gateways/payment-settings.service';
import { BalancesService } from '../invoices/balances.service';
import { PaymentEvent, PaymentEventType } from './payment-event.entity';
import { Payment } from './payment.entity';

export interface LockedInvoice {
  id: string;
  organization_id: string;
  number: string;
  currency: string;
  status: string;
  open_balance: number;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'Settle' : actor.label;
}

export function paymentNumber(sequence: number): string {
  return `PAY-${String(sequence).padStart(6, '0')}`;
}

/**
 * The writes every payment use case shares, always inside the caller's transaction: invoice row
 * locks, moving money in and out of invoices' open balances, and the timeline.
 */
@Injectable()
export class PaymentLedger {
  constructor(
    private readonly balances: BalancesService,
    private readonly paymentSettings: PaymentSettingsService,
  ) {}

  /** Locks the payment's invoices first (as every payment write does), then the payment. */
  async lockPayment(manager: EntityManager, id: string): Promise<Payment | null> {
    await this.lockInvoicesOfPayment(manager, id);
    return manager
      .getRepository(Payment)
      .findOne({ lock: { mode: 'pessimistic_write' }, where: { id } });
  }

  /** The convenience fee an existing payment owes on `amount`, by its method and organization. */
  async feeFor(manager: EntityManager, paymentId: string, amount: number): Promise<number> {
    const [row] = await manager.query(
      `SELECT m.type, o.convenience_fee_waived FROM payments p
         JOIN payment_methods m ON m.id = p.payment_method_id
         JOIN organizations o ON o.id = p.organization_id WHERE p.id = $1`,
      [paymentId],
    );
    return convenienceFee(
      amount,
      row.type,
      await this.paymentSettings.feePolicy(),
      row.convenience_fee_waived,
    );
  }

  /** Locks in id order, so that two payments touching the same invoices cannot deadlock. */
  async lockInvoices(
    manager: EntityManager,
    ids: string[],
    lock = true,
  ): Promise<Map<string, LockedInvoice>> {
    const rows: (LockedInvoice & { open_balance: string })[] = await manager.query(
      `SELECT id, organization_id, number, currency, status, open_balance FROM invoices
        WHERE id = ANY($1::uuid[]) ORDER BY id ${lock ? 'FOR UPDATE' : ''}`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { ...r, open_balance: Number(r.open_balance) }]));
  }

  async lockInvoicesOfPayment(manager: EntityManager, paymentId: string): Promise<void> {
    await manager.query(
      `SELECT i.id FROM invoices i JOIN payment_allocations a ON a.invoice_id = i.id
        WHERE a.payment_id = $1 ORDER BY i.id FOR UPDATE OF i`,
      [paymentId],
    );
  }

  /**
   * Moves money into (positive) or out of (negative) invoices' Settle-pending amounts; the open
   * balance follows. Then the organization's A/R totals are recomputed in the same transaction.
   */
  async shiftPending(
    manager: EntityManager,
    organizationId: string,
    changes: { invoiceId: string; amount: number }[],
    today: string,
  ): Promise<void> {
    const nonZero = changes.filter((c) => c.amount !== 0);
    if (nonZero.length === 0) return;
    await manager.query(
      `UPDATE invoices i
          SET settle_pending = i.settle_pending + d.amount,
              open_balance = CASE WHEN i.status = 'open'
                                  THEN greatest(i.source_balance - (i.settle_pending + d.amount), 0) ELSE 0 END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS d(id, amount)
        WHERE i.id = d.id`,
      [nonZero.map((c) => c.invoiceId), nonZero.map((c) => c.amount)],
    );
    await this.balances.refreshOrganizations(manager, [organizationId], today);
  }

  async event(
    manager: EntityManager,
    paymentId: string,
    type: PaymentEventType,
    actor: Actor | string,
    summary: string,
    data: Record<string, unknown> | null = null,
  ): Promise<void> {
    await manager.getRepository(PaymentEvent).insert({
      actor: typeof actor === 'string' ? actor : actorLabel(actor),
      data: data as never,
      paymentId,
      summary,
      type,
    });
  }
}
