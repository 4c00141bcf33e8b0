import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { leaseIsGone } from '../process-lease/process-leases.repository';
import { IdempotencyKey } from './idempotency-key.entity';

export interface KeyScope {
  scope: string;
  endpoint: string;
  key: string;
}

/** Who holds a claim: the process (for liveness) and this claim's own token (for fencing). */
export interface ClaimHolder {
  processId: string;
  token: string;
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
    holder: ClaimHolder,
  ): Promise<string | null> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO idempotency_keys (scope, endpoint, key, request_hash, locked_until, owner_process_id, claim_token)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7)
       ON CONFLICT (scope, endpoint, key) DO NOTHING RETURNING id`,
      [
        key.scope,
        key.endpoint,
        key.key,
        requestHash,
        inFlightMs / 1000,
        holder.processId,
        holder.token,
      ],
    );
    return inserted[0]?.id ?? null;
  }

  find(manager: EntityManager, key: KeyScope): Promise<IdempotencyKey | null> {
    return manager.getRepository(IdempotencyKey).findOneBy(key);
  }

  /**
   * Takes over a key whose request did not finish: its process is gone, or it outlived its lock.
   * Null when the request is still running or another retry got there first.
   */
  async takeOver(
    manager: EntityManager,
    id: string,
    inFlightMs: number,
    holder: ClaimHolder,
  ): Promise<{ id: string; resourceId: string | null } | null> {
    const [rows]: [{ id: string; resource_id: string | null }[], number] = await manager.query(
      `UPDATE idempotency_keys
          SET locked_until = now() + make_interval(secs => $2), owner_process_id = $3, claim_token = $4
        WHERE id = $1 AND response_status IS NULL
          AND (locked_until <= now() OR ${leaseIsGone('owner_process_id')})
        RETURNING id, resource_id`,
      [id, inFlightMs / 1000, holder.processId, holder.token],
    );
    const row = rows[0];
    return row ? { id: row.id, resourceId: row.resource_id } : null;
  }

  /** Ties the key to the resource; false when the claim was taken over meanwhile. */
  async attachResource(
    manager: EntityManager,
    id: string,
    token: string,
    resourceId: string,
  ): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      'UPDATE idempotency_keys SET resource_id = $3 WHERE id = $1 AND claim_token = $2',
      [id, token, resourceId],
    );
    return affected === 1;
  }

  async complete(
    manager: EntityManager,
    id: string,
    token: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb
        WHERE id = $1 AND claim_token = $2`,
      [id, token, status, JSON.stringify(body)],
    );
  }

  /**
   * Frees a key whose request failed without an answer worth replaying: deleted when nothing was
   * committed under it, otherwise unlocked so that a retry finds and answers with the resource.
   */
  async release(manager: EntityManager, id: string, token: string): Promise<void> {
    await manager.query(
      `WITH freed AS (
         DELETE FROM idempotency_keys WHERE id = $1 AND claim_token = $2 AND resource_id IS NULL RETURNING id)
       UPDATE idempotency_keys SET locked_until = now()
        WHERE id = $1 AND claim_token = $2 AND NOT EXISTS (SELECT 1 FROM freed)`,
      [id, token],
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
