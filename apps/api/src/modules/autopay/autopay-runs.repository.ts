import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AutopayRun } from './autopay-run.entity';

/** The autopay_runs table. */
@Injectable()
export class AutopayRunsRepository {
  insert(manager: EntityManager, run: Partial<AutopayRun>): Promise<AutopayRun> {
    const repository = manager.getRepository(AutopayRun);
    return repository.save(repository.create(run));
  }

  /** The day's scheduled run, created if the clock has not made it yet; null if it already had. */
  async insertScheduled(manager: EntityManager, runDate: string): Promise<AutopayRun | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO autopay_runs (run_date, status, trigger, requested_by)
       VALUES ($1, 'queued', 'schedule', 'AutoPay schedule')
       ON CONFLICT (run_date) WHERE trigger = 'schedule' DO NOTHING
       RETURNING id`,
      [runDate],
    );
    return rows.length ? this.find(manager, rows[0].id) : null;
  }

  find(manager: EntityManager, id: string): Promise<AutopayRun | null> {
    return manager.getRepository(AutopayRun).findOneBy({ id });
  }

  async page(
    manager: EntityManager,
    page: { offset: number; limit: number },
  ): Promise<{ runs: AutopayRun[]; total: number }> {
    const [runs, total] = await manager.getRepository(AutopayRun).findAndCount({
      order: { createdAt: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
    return { runs, total };
  }

  /** Marks the run succeeded unless it already was; false when it already was. */
  async succeed(
    manager: EntityManager,
    id: string,
    changes: Partial<AutopayRun>,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(AutopayRun)
      .createQueryBuilder()
      .update()
      .set({ ...changes, status: 'succeeded' })
      .where('id = :id AND status <> :succeeded', { id, succeeded: 'succeeded' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async update(manager: EntityManager, id: string, changes: Partial<AutopayRun>): Promise<void> {
    await manager.getRepository(AutopayRun).update(id, changes);
  }
}
