import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Credit } from './credit.entity';

/** The credits table: credit memos and unapplied payments. */
@Injectable()
export class CreditsRepository {
  ofOrganization(manager: EntityManager, organizationId: string): Promise<Credit[]> {
    return manager.getRepository(Credit).find({
      order: { issueDate: 'DESC', id: 'ASC' },
      where: { organizationId },
    });
  }

  /** Inserts or updates credits by their id in the source system. */
  async upsert(
    manager: EntityManager,
    credits: Pick<
      Credit,
      | 'amount'
      | 'currency'
      | 'externalId'
      | 'issueDate'
      | 'kind'
      | 'number'
      | 'organizationId'
      | 'remaining'
      | 'source'
    >[],
  ): Promise<void> {
    await manager.getRepository(Credit).upsert(credits, ['source', 'externalId']);
  }

  /** What is left to apply, per kind, in one currency. */
  async remainingOf(
    manager: EntityManager,
    organizationId: string,
    currency: string,
  ): Promise<{ creditMemos: number; unappliedPayments: number }> {
    const row = await manager
      .getRepository(Credit)
      .createQueryBuilder('c')
      .select("coalesce(sum(c.remaining) FILTER (WHERE c.kind = 'credit_memo'), 0)", 'credits')
      .addSelect(
        "coalesce(sum(c.remaining) FILTER (WHERE c.kind = 'unapplied_payment'), 0)",
        'unapplied',
      )
      .where('c.organization_id = :organizationId AND c.currency = :currency', {
        currency,
        organizationId,
      })
      .getRawOne<{ credits: string; unapplied: string }>();
    return {
      creditMemos: Number(row?.credits ?? 0),
      unappliedPayments: Number(row?.unapplied ?? 0),
    };
  }
}
