import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Payment } from './payment.entity';
import { Refund } from './refund.entity';

/** The refunds table. */
@Injectable()
export class RefundsRepository {
  async insert(
    manager: EntityManager,
    refund: Pick<
      Refund,
      | 'allocations'
      | 'amount'
      | 'createdBy'
      | 'fee'
      | 'gatewayIdempotencyKey'
      | 'id'
      | 'paymentId'
      | 'reason'
    >,
  ): Promise<void> {
    await manager.getRepository(Refund).insert({ ...refund, status: 'pending' });
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<Refund | null> {
    return manager.getRepository(Refund).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  ofPayment(manager: EntityManager, paymentId: string): Promise<Refund[]> {
    return manager
      .getRepository(Refund)
      .find({ order: { createdAt: 'ASC' }, where: { paymentId } });
  }

  pendingOf(manager: EntityManager, paymentId: string): Promise<Refund[]> {
    return manager.getRepository(Refund).findBy({ paymentId, status: 'pending' });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<Refund, 'failureMessage' | 'gatewayRef' | 'status'>>,
  ): Promise<void> {
    await manager.getRepository(Refund).update(id, changes);
  }

  /** Refunds whose gateway answer never came, older than a gateway call can take. */
  async unanswered(
    manager: EntityManager,
    olderThanMinutes: number,
  ): Promise<{ id: string; gateway: Payment['gateway']; gatewayPaymentRef: string }[]> {
    const rows: { id: string; gateway: Payment['gateway']; gateway_payment_ref: string }[] =
      await manager.query(
        `SELECT r.id, p.gateway, p.gateway_payment_ref FROM refunds r JOIN payments p ON p.id = r.payment_id
          WHERE r.status = 'pending' AND r.created_at < now() - make_interval(mins => $1)`,
        [olderThanMinutes],
      );
    return rows.map((r) => ({
      gateway: r.gateway,
      gatewayPaymentRef: r.gateway_payment_ref,
      id: r.id,
    }));
  }
}
