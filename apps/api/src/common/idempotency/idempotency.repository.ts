import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { IdempotencyKey } from './idempotency-key.entity';

export interface KeyScope {
  scope: string;
  endpoint: string;
  key: string;
}

/** The idempotency_keys table. */
@Injectable()
export class IdempotencyRepository {
  /** Inserts the key unless it exists; the new row's id, or null when it was already there. */
  async claim(
    manager: EntityManager,
    key: KeyScope,
    requestHash: string,
    inFlightMs: number,
  ): Promise<string | null> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO idempotency_keys (scope, endpoint, key, request_hash, locked_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (scope, endpoint, key) DO NOTHING RETURNING id`,
      [key.scope, key.endpoint, key.key, requestHash, inFlightMs / 1000],
    );
    return inserted[0]?.id ?? null;
  }

  find(manager: EntityManager, key: KeyScope): Promise<IdempotencyKey | null> {
    return manager.getRepository(IdempotencyKey).findOneBy(key);
  }

  /** Takes over a key whose request was abandoned; null when another request got there first. */
  async takeOver(
    manager: EntityManager,
    id: string,
    inFlightMs: number,
  ): Promise<{ id: string; resourceId: string | null } | null> {
    const [rows]: [{ id: string; resource_id: string | null }[], number] = await manager.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND response_status IS NULL AND locked_until <= now()
        RETURNING id, resource_id`,
      [id, inFlightMs / 1000],
    );
    const row = rows[0];
    return row ? { id: row.id, resourceId: row.resource_id } : null;
  }

  async attachResource(manager: EntityManager, id: string, resourceId: string): Promise<void> {
    await manager.getRepository(IdempotencyKey).update(id, { resourceId });
  }

  async complete(manager: EntityManager, id: string, status: number, body: unknown): Promise<void> {
    await manager.query(
      'UPDATE idempotency_keys SET response_status = $2, response_body = $3::jsonb WHERE id = $1',
      [id, status, JSON.stringify(body)],
    );
  }

  /**
   * Frees a key whose request failed without an answer worth replaying: deleted when nothing was
   * committed under it, otherwise unlocked so that a retry finds and answers with the resource.
   */
  async release(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `WITH freed AS (DELETE FROM idempotency_keys WHERE id = $1 AND resource_id IS NULL RETURNING id)
       UPDATE idempotency_keys SET locked_until = now() WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM freed)`,
      [id],
    );
  }

  async deleteOlderThan(manager: EntityManager, hours: number): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return count ?? 0;
  }
}
