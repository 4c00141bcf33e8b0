import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { Integration } from './integration.entity';

/** The integrations table. */
@Injectable()
export class IntegrationsRepository {
  insert(manager: EntityManager, integration: Partial<Integration>): Promise<Integration> {
    const repository = manager.getRepository(Integration);
    return repository.save(repository.create(integration));
  }

  find(manager: EntityManager, id: string, options: { lock?: boolean } = {}) {
    return manager.getRepository(Integration).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  /**
   * Runs `work` holding the integration's session lock named `purpose` (one connection kept for
   * it, across every process); null, without running it, when another holds the lock.
   */
  async whileHolding<T>(
    dataSource: DataSource,
    integrationId: string,
    purpose: string,
    work: () => Promise<T>,
  ): Promise<T | null> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const key = `integration:${integrationId}:${purpose}`;
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      );
      if (!locked) return null;
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      await runner.release();
    }
  }

  all(manager: EntityManager): Promise<Integration[]> {
    return manager.getRepository(Integration).find({ order: { createdAt: 'ASC' } });
  }

  async update(manager: EntityManager, id: string, changes: Partial<Integration>): Promise<void> {
    await manager.getRepository(Integration).update(id, changes);
  }

  /**
   * Starts a failing episode unless one is on: true only for the call that started it, across
   * processes (the row decides), so its alert goes out once.
   */
  async startFailing(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE integrations SET sync_failing_since = $2
        WHERE id = $1 AND sync_failing_since IS NULL RETURNING id`,
      [id, at],
    );
    return rows.length > 0;
  }

  /** Starts a not-running episode (see startFailing); `since` is the last time it synced. */
  async startStale(manager: EntityManager, id: string, since: Date): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE integrations SET sync_stale_since = $2
        WHERE id = $1 AND sync_stale_since IS NULL RETURNING id`,
      [id, since],
    );
    return rows.length > 0;
  }

  /** A run succeeded: whatever episode was on is over. */
  async endAlerts(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE integrations SET sync_failing_since = NULL, sync_stale_since = NULL
        WHERE id = $1 AND (sync_failing_since IS NOT NULL OR sync_stale_since IS NOT NULL)`,
      [id],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Integration).delete(id);
  }
}
