import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AchReturn, AchReturnStatus } from './ach-return.entity';

export interface AchReturnRow extends AchReturn {
  sequence: number;
  organizationName: string;
}

/** The ach_returns table. */
@Injectable()
export class AchReturnsRepository {
  async insert(
    manager: EntityManager,
    row: Pick<
      AchReturn,
      'amount' | 'currency' | 'description' | 'organizationId' | 'paymentId' | 'returnCode'
    >,
  ): Promise<void> {
    await manager.getRepository(AchReturn).insert(row);
  }

  /** With each payment's number and organization's name, read for display. */
  async list(
    manager: EntityManager,
    query: { status?: AchReturnStatus; id?: string; offset: number; limit: number },
  ): Promise<{ rows: AchReturnRow[]; total: number }> {
    const builder = manager
      .getRepository(AchReturn)
      .createQueryBuilder('r')
      .innerJoin('payments', 'p', 'p.id = r.payment_id')
      .innerJoin('organizations', 'o', 'o.id = r.organization_id')
      .addSelect('p.sequence', 'sequence')
      .addSelect('o.name', 'organization_name');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.id) builder.andWhere('r.id = :id', { id: query.id });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('r.created_at', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getRawAndEntities<{ sequence: number; organization_name: string }>();
    return {
      rows: entities.map((entity, i) =>
        Object.assign(entity, {
          organizationName: raw[i].organization_name,
          sequence: Number(raw[i].sequence),
        }),
      ),
      total,
    };
  }

  findForUpdate(manager: EntityManager, id: string): Promise<AchReturn | null> {
    return manager
      .getRepository(AchReturn)
      .findOne({ lock: { mode: 'pessimistic_write' }, where: { id } });
  }

  async close(
    manager: EntityManager,
    id: string,
    closing: Pick<AchReturn, 'closedBy' | 'note' | 'status'>,
  ): Promise<void> {
    await manager.getRepository(AchReturn).update(id, { ...closing, closedAt: new Date() });
  }

  countUnresolved(manager: EntityManager): Promise<number> {
    return manager.getRepository(AchReturn).countBy({ status: 'unresolved' });
  }
}
