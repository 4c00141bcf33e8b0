import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { SandboxCharge } from './sandbox-charge.entity';
import { SandboxRefund } from './sandbox-refund.entity';

/** The sandbox gateway's own ledger: sandbox_charges and sandbox_refunds. */
@Injectable()
export class SandboxRepository {
  /**
   * Inserts the charge unless its idempotency key exists. `made` says whether this call made it;
   * `charge` is the one stored under the key either way.
   */
  async insertChargeOnce(
    manager: EntityManager,
    charge: Pick<
      SandboxCharge,
      | 'amount'
      | 'currency'
      | 'failureCode'
      | 'id'
      | 'idempotencyKey'
      | 'requestHash'
      | 'settlesAt'
      | 'status'
      | 'token'
    >,
  ): Promise<{
    made: boolean;
    charge: Pick<SandboxCharge, 'id' | 'requestHash' | 'status'> | null;
  }> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SandboxCharge)
      .values(charge)
      .orIgnore()
      .returning(['id'])
      .execute();
    if (result.raw.length > 0) return { charge, made: true };
    return { charge: await this.findChargeByKey(manager, charge.idempotencyKey), made: false };
  }

  findChargeByKey(manager: EntityManager, idempotencyKey: string): Promise<SandboxCharge | null> {
    return manager.getRepository(SandboxCharge).findOneBy({ idempotencyKey });
  }

  findCharge(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<SandboxCharge | null> {
    return manager.getRepository(SandboxCharge).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  /** Charges created in [from, to], newest first, a page after the cursor. */
  chargesPage(
    manager: EntityManager,
    window: { from: Date; to: Date },
    after: { createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<SandboxCharge[]> {
    const builder = manager
      .getRepository(SandboxCharge)
      .createQueryBuilder('c')
      .where('c.created_at >= :from AND c.created_at <= :to', window);
    if (after)
      builder.andWhere('(c.created_at, c.id) < (:afterAt, :afterId)', {
        afterAt: after.createdAt,
        afterId: after.id,
      });
    return builder
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  findRefundByKey(manager: EntityManager, idempotencyKey: string): Promise<SandboxRefund | null> {
    return manager.getRepository(SandboxRefund).findOneBy({ idempotencyKey });
  }

  async insertRefund(
    manager: EntityManager,
    refund: Pick<SandboxRefund, 'amount' | 'chargeId' | 'id' | 'idempotencyKey'>,
  ): Promise<void> {
    await manager.getRepository(SandboxRefund).insert(refund);
  }

  async setAmountRefunded(manager: EntityManager, chargeId: string, amount: number): Promise<void> {
    await manager.getRepository(SandboxCharge).update(chargeId, { amountRefunded: amount });
  }
}
