import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { SandboxCharge } from './sandbox-charge.entity';
import { SandboxRefund } from './sandbox-refund.entity';

/** The sandbox gateway's own ledger: sandbox_charges and sandbox_refunds. */
@Injectable()
export class SandboxRepository {
  /** Inserts the charge unless its idempotency key exists; whether this call made it. */
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
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(SandboxCharge)
      .values(charge)
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length > 0;
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
