import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OrganizationEmailExclusion } from './organization-email-exclusion.entity';
import { EXCLUDABLE_CATEGORIES, ExcludableCategory } from './templates';

/** The organization_email_exclusions table. */
@Injectable()
export class ExclusionsRepository {
  async of(manager: EntityManager, organizationId: string): Promise<ExcludableCategory[]> {
    const rows = await manager.getRepository(OrganizationEmailExclusion).findBy({ organizationId });
    return EXCLUDABLE_CATEGORIES.filter((c) => rows.some((r) => r.category === c));
  }

  async replace(
    manager: EntityManager,
    organizationId: string,
    categories: ExcludableCategory[],
  ): Promise<void> {
    await manager.query(
      `DELETE FROM organization_email_exclusions WHERE organization_id = $1 AND NOT (category = ANY($2::text[]))`,
      [organizationId, categories],
    );
    await manager.query(
      `INSERT INTO organization_email_exclusions (organization_id, category)
       SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [organizationId, categories],
    );
  }
}
