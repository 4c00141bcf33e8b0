import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { AutopayRule } from './autopay-rule.entity';

/** The autopay_rules table. */
@Injectable()
export class AutopayRulesRepository {
  /** In no particular order: the domain's `orderedRules` decides the order they are tried in. */
  ofOrganization(manager: EntityManager, organizationId: string): Promise<AutopayRule[]> {
    return manager.getRepository(AutopayRule).findBy({ organizationId });
  }

  /** The rules of several organizations, in no particular order. */
  ofOrganizations(manager: EntityManager, organizationIds: string[]): Promise<AutopayRule[]> {
    return manager.getRepository(AutopayRule).findBy({ organizationId: In(organizationIds) });
  }

  /** One page, in id order after `afterId`, of the organizations that have an enabled rule. */
  async organizationsWithRules(
    manager: EntityManager,
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows: { organization_id: string }[] = await manager.query(
      `SELECT DISTINCT organization_id FROM autopay_rules
        WHERE enabled AND organization_id > $1::uuid
        ORDER BY organization_id
        LIMIT $2`,
      [afterId ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((r) => r.organization_id);
  }

  find(manager: EntityManager, id: string): Promise<AutopayRule | null> {
    return manager.getRepository(AutopayRule).findOne({ where: { id } });
  }

  async nextPosition(manager: EntityManager, organizationId: string): Promise<number> {
    const [{ position }]: { position: number }[] = await manager.query(
      'SELECT coalesce(max(position), 0)::int + 1 AS position FROM autopay_rules WHERE organization_id = $1',
      [organizationId],
    );
    return position;
  }

  save(manager: EntityManager, rule: Partial<AutopayRule>): Promise<AutopayRule> {
    const repository = manager.getRepository(AutopayRule);
    return repository.save(repository.create(rule));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(AutopayRule).delete(id);
  }

  /** Positions 1..n in the order of `ruleIds`, in one statement. */
  async setOrder(manager: EntityManager, organizationId: string, ruleIds: string[]): Promise<void> {
    if (ruleIds.length === 0) return;
    await manager.query(
      `UPDATE autopay_rules r SET position = o.position, updated_at = now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE r.id = o.id AND r.organization_id = $1 AND r.position <> o.position`,
      [organizationId, ruleIds],
    );
  }
}
