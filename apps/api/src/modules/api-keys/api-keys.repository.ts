import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';

import { ApiKey } from './api-key.entity';

/** The api_keys table. */
@Injectable()
export class ApiKeysRepository {
  list(
    manager: EntityManager,
    page: { offset: number; limit: number },
  ): Promise<[ApiKey[], number]> {
    return manager.getRepository(ApiKey).findAndCount({
      order: { createdAt: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  insert(
    manager: EntityManager,
    key: Pick<ApiKey, 'createdById' | 'name' | 'prefix' | 'role' | 'secretHash'>,
  ): Promise<ApiKey> {
    return manager.getRepository(ApiKey).save(manager.getRepository(ApiKey).create(key));
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ApiKey | null> {
    return manager.getRepository(ApiKey).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  findLiveByPrefix(manager: EntityManager, prefix: string): Promise<ApiKey | null> {
    return manager.getRepository(ApiKey).findOneBy({ prefix, revokedAt: IsNull() });
  }

  async markRevoked(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(ApiKey).update(id, { revokedAt: at });
  }

  async touchLastUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(ApiKey).update(id, { lastUsedAt: at });
  }

  /** Revokes every live key the user made; the ids of those it revoked. */
  async revokeAllCreatedBy(
    manager: EntityManager,
    userId: string,
    at: Date,
  ): Promise<{ id: string; name: string }[]> {
    const [rows]: [{ id: string; name: string }[], number] = await manager.query(
      `UPDATE api_keys SET revoked_at = $2 WHERE created_by_id = $1 AND revoked_at IS NULL RETURNING id, name`,
      [userId, at],
    );
    return rows;
  }
}
