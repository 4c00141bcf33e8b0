import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';

import { containsPattern } from '../../database/like';
import { PaymentMethod, PaymentMethodStatus } from './payment-method.entity';

/** The payment_methods table. */
export interface ExpiringCardRow {
  id: string;
  organization_id: string;
  organization_name: string;
  brand: string;
  last4: string;
  friendly_name: string;
  exp_month: number;
  exp_year: number;
}

@Injectable()
export class PaymentMethodsRepository {
  ofOrganization(manager: EntityManager, organizationId: string): Promise<PaymentMethod[]> {
    return manager.getRepository(PaymentMethod).find({
      order: { createdAt: 'ASC', isDefault: 'DESC' },
      where: { organizationId, removedAt: IsNull() },
    });
  }

  /** The usable methods of several organizations, each organization's in `ofOrganization`'s order. */
  ofOrganizations(manager: EntityManager, organizationIds: string[]): Promise<PaymentMethod[]> {
    return manager.getRepository(PaymentMethod).find({
      order: { createdAt: 'ASC', isDefault: 'DESC' },
      where: { organizationId: In(organizationIds), removedAt: IsNull() },
    });
  }

  /** Across organizations, with each organization's name (read from its table for display). */
  async list(
    manager: EntityManager,
    query: { status?: PaymentMethodStatus; q?: string; offset: number; limit: number },
  ): Promise<{ methods: (PaymentMethod & { organizationName: string })[]; total: number }> {
    const builder = manager
      .getRepository(PaymentMethod)
      .createQueryBuilder('m')
      .innerJoin('organizations', 'o', 'o.id = m.organization_id')
      .addSelect('o.name', 'organization_name')
      .where('m.removed_at IS NULL');
    if (query.status) builder.andWhere('m.status = :status', { status: query.status });
    if (query.q) builder.andWhere('o.name ILIKE :q', { q: containsPattern(query.q) });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy('m.locked_at', 'DESC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getRawAndEntities<{ organization_name: string }>();
    return {
      methods: entities.map((m, i) =>
        Object.assign(m, { organizationName: raw[i].organization_name }),
      ),
      total,
    };
  }

  find(
    manager: EntityManager,
    where: { id: string; organizationId?: string },
    options: { lock?: boolean } = {},
  ): Promise<PaymentMethod | null> {
    return manager.getRepository(PaymentMethod).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { ...where, removedAt: IsNull() },
    });
  }

  /** Removed methods too: a payment keeps pointing at the method it was made with. */
  findAny(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<PaymentMethod | null> {
    return manager.getRepository(PaymentMethod).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  hasDefault(manager: EntityManager, organizationId: string): Promise<boolean> {
    return manager
      .getRepository(PaymentMethod)
      .existsBy({ isDefault: true, organizationId, removedAt: IsNull() });
  }

  async clearDefault(manager: EntityManager, organizationId: string): Promise<void> {
    await manager
      .getRepository(PaymentMethod)
      .update({ isDefault: true, organizationId }, { isDefault: false });
  }

  save(manager: EntityManager, method: Partial<PaymentMethod>): Promise<PaymentMethod> {
    return manager
      .getRepository(PaymentMethod)
      .save(manager.getRepository(PaymentMethod).create(method));
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        PaymentMethod,
        'consecutiveFailures' | 'isDefault' | 'lockedAt' | 'lockedReason' | 'removedAt' | 'status'
      >
    >,
  ): Promise<void> {
    await manager.getRepository(PaymentMethod).update(id, changes);
  }

  /** Read-only: payments (the payments module's table) still to be charged on this method. */
  countLocked(manager: EntityManager): Promise<number> {
    return manager.getRepository(PaymentMethod).count({
      where: { removedAt: IsNull(), status: 'locked' },
    });
  }

  async openPaymentsCount(manager: EntityManager, id: string): Promise<number> {
    const [{ count }]: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM payments
        WHERE payment_method_id = $1 AND status IN ('scheduled', 'pending_approval', 'processing')`,
      [id],
    );
    return count;
  }

  /**
   * One page (in id order, after `afterId`) of the cards on file that expire in one of these
   * months, with their organization's name for the email.
   */
  expiringCards(
    manager: EntityManager,
    months: { expMonth: number; expYear: number }[],
    page: { afterId: string | null; limit: number },
  ): Promise<ExpiringCardRow[]> {
    if (months.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT m.id, m.organization_id, o.name AS organization_name, m.brand, m.last4,
              m.friendly_name, m.exp_month, m.exp_year
         FROM payment_methods m JOIN organizations o ON o.id = m.organization_id
        WHERE m.type = 'card' AND m.removed_at IS NULL AND m.id > $3::uuid
          AND (m.exp_year, m.exp_month) IN (SELECT * FROM unnest($1::int[], $2::int[]))
        ORDER BY m.id
        LIMIT $4`,
      [
        months.map((m) => m.expYear),
        months.map((m) => m.expMonth),
        page.afterId ?? '00000000-0000-0000-0000-000000000000',
        page.limit,
      ],
    );
  }

  /** Cards past their expiry month stop being offered and charged. */
  async markExpired(manager: EntityManager, year: number, month: number): Promise<number> {
    const result = await manager
      .getRepository(PaymentMethod)
      .createQueryBuilder()
      .update()
      .set({ status: 'expired' })
      .where("status = 'active' AND removed_at IS NULL AND exp_year IS NOT NULL")
      .andWhere('(exp_year < :year OR (exp_year = :year AND exp_month < :month))', { month, year })
      .execute();
    return result.affected ?? 0;
  }
}
