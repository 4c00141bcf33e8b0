import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AccessProfile } from './access-profile.entity';
import { ContactMembership } from './contact-membership.entity';

/** The access_profiles table. */
@Injectable()
export class AccessProfilesRepository {
  all(manager: EntityManager): Promise<AccessProfile[]> {
    return manager.getRepository(AccessProfile).find({ order: { name: 'ASC' } });
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<AccessProfile | null> {
    return manager.getRepository(AccessProfile).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  save(manager: EntityManager, profile: Partial<AccessProfile>): Promise<AccessProfile> {
    return manager
      .getRepository(AccessProfile)
      .save(manager.getRepository(AccessProfile).create(profile));
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(AccessProfile).delete(id);
  }

  /** How many contacts use each profile. */
  async contactCounts(manager: EntityManager, id?: string): Promise<Map<string, number>> {
    const builder = manager
      .getRepository(ContactMembership)
      .createQueryBuilder('m')
      .select('m.access_profile_id', 'id')
      .addSelect('count(*)::int', 'count')
      .where('m.access_profile_id IS NOT NULL')
      .groupBy('m.access_profile_id');
    if (id) builder.andWhere('m.access_profile_id = :id', { id });
    const rows = await builder.getRawMany<{ id: string; count: number }>();
    return new Map(rows.map((row) => [row.id, row.count]));
  }
}
