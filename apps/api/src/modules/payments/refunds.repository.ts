import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ProcessLeaseService } from '../../common/process-lease/process-lease.service';
import { leaseIsGone } from '../../common/process-lease/process-leases.repository';
import { Payment } from './payment.entity';
import { Refund } from './refund.entity';

/** The refunds table. */
@Injectable()
export class RefundsRepository {
  constructor(private readonly lease: ProcessLeaseService) {}

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
    await manager
      .getRepository(Refund)
      .insert({ ...refund, ownerProcessId: this.lease.processId, status: 'pending' });
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
  async unanswered(manager: EntityManager, olderThanMinutes: number): Promise<RefundToSend[]> {
    const rows: RefundToSendRow[] = await manager.query(
      `SELECT r.id, p.gateway, p.gateway_payment_ref FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE r.status = 'pending' AND r.created_at < now() - make_interval(mins => $1)`,
      [olderThanMinutes],
    );
    return rows.map(toSend);
  }

  /** Takes over the pending refunds of processes that are gone, so that one live process resends each now. */
  async adoptOrphaned(
    manager: EntityManager,
    processId: string,
    limit: number,
  ): Promise<RefundToSend[]> {
    const rows: RefundToSendRow[] = await manager.query(
      `WITH adopted AS (
         UPDATE refunds SET owner_process_id = $1
          WHERE id IN (SELECT r.id FROM refunds r
                        WHERE r.status = 'pending' AND r.owner_process_id IS DISTINCT FROM $1
                          AND ${leaseIsGone('r.owner_process_id')}
                        LIMIT $2 FOR UPDATE OF r SKIP LOCKED)
         RETURNING id, payment_id)
       SELECT adopted.id, p.gateway, p.gateway_payment_ref FROM adopted JOIN payments p ON p.id = adopted.payment_id`,
      [processId, limit],
    );
    return rows.map(toSend);
  }
}

export interface RefundToSend {
  id: string;
  gateway: Payment['gateway'];
  gatewayPaymentRef: string;
}

interface RefundToSendRow {
  id: string;
  gateway: Payment['gateway'];
  gateway_payment_ref: string;
}

function toSend(row: RefundToSendRow): RefundToSend {
  return { gateway: row.gateway, gatewayPaymentRef: row.gateway_payment_ref, id: row.id };
}
