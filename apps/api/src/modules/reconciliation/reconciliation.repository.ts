import { Injectable } from '@nestjs/common';
import { ReconciliationDifferenceKind } from '@settle/domain';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { ReconciliationDifference } from './reconciliation-difference.entity';
import { ReconciliationOrganizationTotal } from './reconciliation-organization-total.entity';
import { ReconciliationRun } from './reconciliation-run.entity';

/** Rows written per INSERT: well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1_000;

const ORGANIZATION_SORT_COLUMNS = {
  accountingAmount: 'accounting_amount',
  differenceCount: 'difference_count',
  gatewayAmount: 'gateway_amount',
  name: 'name',
  settleAmount: 'settle_amount',
} as const;
export type ReconciliationOrganizationSort = keyof typeof ORGANIZATION_SORT_COLUMNS;

/** The reconciliation_runs, reconciliation_differences and reconciliation_organization_totals tables. */
@Injectable()
export class ReconciliationRepository {
  /**
   * A new queued run, or null when one with the same scope is queued or running (the partial
   * unique index decides, so two requests at once make one run).
   */
  async insertRun(
    manager: EntityManager,
    run: Pick<
      ReconciliationRun,
      'organizationId' | 'periodFrom' | 'periodTo' | 'requestedBy' | 'scope' | 'sources'
    >,
  ): Promise<ReconciliationRun | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO reconciliation_runs
         (period_from, period_to, organization_id, scope, status, sources, requested_by, progress)
       VALUES ($1, $2, $3, $4, 'queued', $5, $6, '{"stage":"payments","done":0,"total":0}')
       ON CONFLICT (scope) WHERE status IN ('queued', 'running') DO NOTHING
       RETURNING id`,
      [
        run.periodFrom,
        run.periodTo,
        run.organizationId,
        run.scope,
        JSON.stringify(run.sources),
        run.requestedBy,
      ],
    );
    return rows.length ? this.find(manager, rows[0].id) : null;
  }

  findActive(manager: EntityManager, scope: string): Promise<ReconciliationRun | null> {
    return manager
      .getRepository(ReconciliationRun)
      .createQueryBuilder('run')
      .where('run.scope = :scope', { scope })
      .andWhere("run.status IN ('queued', 'running')")
      .getOne();
  }

  find(manager: EntityManager, id: string): Promise<ReconciliationRun | null> {
    return manager.getRepository(ReconciliationRun).findOneBy({ id });
  }

  async page(
    manager: EntityManager,
    page: { offset: number; limit: number },
  ): Promise<{ runs: ReconciliationRun[]; total: number }> {
    const [runs, total] = await manager.getRepository(ReconciliationRun).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
    return { runs, total };
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Omit<ReconciliationRun, 'id'>>,
  ): Promise<void> {
    await manager.getRepository(ReconciliationRun).update(id, changes);
  }

  /** Claims a queued run for a worker; false when it is not queued (done, failed, or taken). */
  async start(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const result = await manager
      .getRepository(ReconciliationRun)
      .createQueryBuilder()
      .update()
      .set({ error: null, startedAt: now, status: 'running' })
      .where("id = :id AND status IN ('queued', 'running')", { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Forgets what an earlier attempt of the run wrote, so that a retry starts clean. */
  async clearResults(manager: EntityManager, runId: string): Promise<void> {
    await manager.query(`DELETE FROM reconciliation_differences WHERE run_id = $1`, [runId]);
    await manager.query(`DELETE FROM reconciliation_organization_totals WHERE run_id = $1`, [
      runId,
    ]);
  }

  async insertDifferences(
    manager: EntityManager,
    rows: Omit<ReconciliationDifference, 'id' | 'run'>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReconciliationDifference)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
  }

  async insertOrganizationTotals(
    manager: EntityManager,
    rows: Omit<ReconciliationOrganizationTotal, 'id' | 'run'>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReconciliationOrganizationTotal)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
  }

  async organizations(
    manager: EntityManager,
    runId: string,
    query: {
      q?: string;
      sort: [ReconciliationOrganizationSort, 'ASC' | 'DESC'];
      offset: number;
      limit: number;
    },
  ): Promise<{ rows: ReconciliationOrganizationTotal[]; total: number }> {
    const builder = manager
      .getRepository(ReconciliationOrganizationTotal)
      .createQueryBuilder('t')
      .where('t.run_id = :runId', { runId });
    if (query.q) builder.andWhere('t.name ILIKE :q', { q: containsPattern(query.q) });
    const [field, direction] = query.sort;
    const [rows, total] = await builder
      .orderBy(`t.${ORGANIZATION_SORT_COLUMNS[field]}`, direction, 'NULLS LAST')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return { rows, total };
  }

  async differences(
    manager: EntityManager,
    runId: string,
    query: {
      organizationId?: string;
      kind?: ReconciliationDifferenceKind;
      offset: number;
      limit: number;
    },
  ): Promise<{ rows: ReconciliationDifference[]; total: number }> {
    const builder = manager
      .getRepository(ReconciliationDifference)
      .createQueryBuilder('d')
      .where('d.run_id = :runId', { runId });
    if (query.organizationId)
      builder.andWhere('d.organization_id = :organizationId', {
        organizationId: query.organizationId,
      });
    if (query.kind) builder.andWhere('d.kind = :kind', { kind: query.kind });
    const [rows, total] = await builder
      .orderBy('d.occurred_on', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return { rows, total };
  }
}
