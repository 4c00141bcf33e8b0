import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { SyncRun } from './sync-run.entity';

/** The sync_runs table. */
@Injectable()
export class SyncRunsRepository {
  /**
   * A queued run for the integration, unless one is already queued or running (the partial
   * unique index decides, across processes): then null.
   */
  async insertQueued(
    manager: EntityManager,
    run: { integrationId: string; trigger: SyncRun['trigger']; full: boolean },
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO sync_runs (integration_id, status, trigger, "full")
       VALUES ($1, 'queued', $2, $3)
       ON CONFLICT (integration_id) WHERE status IN ('queued', 'running') DO NOTHING
       RETURNING id`,
      [run.integrationId, run.trigger, run.full],
    );
    return rows[0]?.id ?? null;
  }

  active(manager: EntityManager, integrationId: string): Promise<SyncRun | null> {
    return manager
      .getRepository(SyncRun)
      .findOneBy({ integrationId, status: In(['queued', 'running']) });
  }

  find(manager: EntityManager, id: string): Promise<SyncRun | null> {
    return manager
      .getRepository(SyncRun)
      .findOne({ relations: { integration: true }, where: { id } });
  }

  async page(
    manager: EntityManager,
    page: { integrationId?: string; offset: number; limit: number },
  ): Promise<{ runs: SyncRun[]; total: number }> {
    const [runs, total] = await manager.getRepository(SyncRun).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      relations: { integration: true },
      skip: page.offset,
      take: page.limit,
      where: page.integrationId ? { integrationId: page.integrationId } : {},
    });
    return { runs, total };
  }

  /** Each integration's newest run. */
  async latest(manager: EntityManager, integrationIds: string[]): Promise<Map<string, SyncRun>> {
    if (integrationIds.length === 0) return new Map();
    const runs = await manager
      .getRepository(SyncRun)
      .createQueryBuilder('run')
      .leftJoinAndSelect('run.integration', 'integration')
      .distinctOn(['run.integrationId'])
      .where('run.integrationId IN (:...ids)', { ids: integrationIds })
      .orderBy('run.integrationId')
      .addOrderBy('run.createdAt', 'DESC')
      .getMany();
    return new Map(runs.map((run) => [run.integrationId, run]));
  }

  /** When each integration's newest successful run finished (none: not in the map). */
  async lastSucceeded(
    manager: EntityManager,
    integrationIds: string[],
  ): Promise<Map<string, Date>> {
    if (integrationIds.length === 0) return new Map();
    const rows: { integration_id: string; at: Date }[] = await manager.query(
      `SELECT integration_id, max(finished_at) AS at FROM sync_runs
        WHERE integration_id = ANY($1::uuid[]) AND status = 'succeeded'
        GROUP BY integration_id`,
      [integrationIds],
    );
    return new Map(rows.map((r) => [r.integration_id, r.at]));
  }

  /** Moves a queued run to running; false if it was not queued (another worker took it). */
  async claim(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager
      .getRepository(SyncRun)
      .createQueryBuilder()
      .update()
      .set({ startedAt: () => 'now()', status: 'running' })
      .where("id = :id AND status = 'queued'", { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * The rest of this transaction commits without waiting for its WAL to reach disk. For a sync
   * page that is safe: a crash loses at most the last moment's pages, never half of one, and
   * since the run's cursors are saved in a normal commit at its end (which flushes all before
   * it), the next run reads those pages from the source again.
   */
  async commitWithoutFlushWait(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL synchronous_commit = off`);
  }

  async update(manager: EntityManager, id: string, changes: Partial<SyncRun>): Promise<void> {
    await manager.getRepository(SyncRun).update(id, changes);
  }
}
