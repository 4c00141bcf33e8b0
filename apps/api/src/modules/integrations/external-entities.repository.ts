import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';

import { containsPattern } from '../../database/like';
import { ExternalEntity, ExternalEntityType } from './external-entity.entity';

export interface ExternalEntityRow {
  externalId: string;
  parentExternalId: string | null;
  name: string;
  data: Record<string, unknown>;
  sourceUpdatedAt: string | null;
  /** Hidden when first seen (hide rules); staff decide after that. */
  hidden: boolean;
}

/** What a page's upsert made of one record, in the page's order. */
export interface UpsertedEntity {
  externalId: string;
  /** Null when nothing differed and the row was left alone. */
  written: 'created' | 'updated' | null;
  /** As staff (or the hide rules, for a new record) have it: a hidden record is not projected. */
  hidden: boolean;
  /** A contact's or an invoice's: its company's organization, when that company is linked. */
  organizationId: string | null;
}

/** The external_entities table: every record each integration brought in, as its source had it. */
@Injectable()
export class ExternalEntitiesRepository {
  /**
   * One page of records in one statement. A row is written only when something differs, so a
   * page the source sends again unchanged writes nothing. Each record comes back with its hidden
   * flag and, for contacts and invoices (`withOrganization`), its company's organization, read in
   * the same statement rather than in round trips of their own.
   *
   * The lookups are LATERAL subqueries with LIMIT 1, one unique-index probe per record: a plain
   * `external_id = ANY($3)` filter was planned, on a table grown within the run and not yet
   * analysed, as a scan of every row of the integration's type, once per page (quadratic).
   */
  async upsert(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntityType,
    rows: ExternalEntityRow[],
    /** Contacts and invoices carry their company's organization; a company's is set apart. */
    withOrganization: boolean,
  ): Promise<UpsertedEntity[]> {
    if (rows.length === 0) return [];
    const result: {
      external_id: string;
      hidden: boolean;
      organization_id: string | null;
      created: boolean | null;
    }[] = await manager.query(
      `WITH page AS (
         SELECT r.*, COALESCE(old.hidden, r.hidden) AS now_hidden,
                CASE WHEN $4 THEN parent.organization_id ELSE old.organization_id END
                  AS organization_id
           FROM ROWS FROM (
                  json_to_recordset($3::json) AS (external_id text, parent_external_id text,
                    name text, data json, source_updated_at timestamptz, hidden bool)
                ) WITH ORDINALITY
                AS r(external_id, parent_external_id, name, data, source_updated_at, hidden, ord)
           LEFT JOIN LATERAL (
             SELECT hidden, organization_id FROM external_entities
              WHERE integration_id = $1 AND type = $2 AND external_id = r.external_id LIMIT 1
           ) old ON true
           LEFT JOIN LATERAL (
             SELECT organization_id FROM external_entities
              WHERE $4 AND integration_id = $1 AND type = 'company'
                AND external_id = r.parent_external_id AND organization_id IS NOT NULL
                AND NOT hidden AND deleted_at IS NULL
              LIMIT 1
           ) parent ON true
       ), written AS (
         INSERT INTO external_entities AS e
                (integration_id, type, external_id, parent_external_id, name, data,
                 source_updated_at, hidden, organization_id)
         SELECT $1, $2, external_id, parent_external_id, name, data, source_updated_at,
                hidden, organization_id
           FROM page
         ON CONFLICT (integration_id, type, external_id) DO UPDATE SET
           parent_external_id = excluded.parent_external_id, name = excluded.name,
           data = excluded.data, source_updated_at = excluded.source_updated_at,
           organization_id = excluded.organization_id, deleted_at = NULL, last_synced_at = now()
         WHERE (e.parent_external_id, e.name, e.deleted_at IS NULL, e.organization_id)
               IS DISTINCT FROM
               (excluded.parent_external_id, excluded.name, true, excluded.organization_id)
            -- the same text is the same record; another text may still be the same JSON (a
            -- record stored before data was json has jsonb's spacing and key order)
            OR (e.data::text <> excluded.data::text AND e.data::jsonb <> excluded.data::jsonb)
         RETURNING external_id, (xmax = 0) AS created
       )
       SELECT page.external_id, page.now_hidden AS hidden, page.organization_id, written.created
         FROM page LEFT JOIN written ON written.external_id = page.external_id
        ORDER BY page.ord`,
      [
        integrationId,
        type,
        JSON.stringify(
          rows.map((r) => ({
            data: r.data,
            external_id: r.externalId,
            hidden: r.hidden,
            name: r.name,
            parent_external_id: r.parentExternalId,
            source_updated_at: r.sourceUpdatedAt,
          })),
        ),
        withOrganization,
      ],
    );
    return result.map((r) => ({
      externalId: r.external_id,
      hidden: r.hidden,
      organizationId: withOrganization ? r.organization_id : null,
      written: r.created === null ? null : r.created ? 'created' : 'updated',
    }));
  }

  /** Records the organization of each record, writing only those that change. */
  async setOrganizations(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntityType,
    pairs: { externalId: string; organizationId: string | null }[],
  ): Promise<void> {
    if (pairs.length === 0) return;
    await manager.query(
      `UPDATE external_entities e SET organization_id = p.organization_id
         FROM unnest($3::text[], $4::uuid[]) AS p(external_id, organization_id)
        WHERE e.integration_id = $1 AND e.type = $2 AND e.external_id = p.external_id
          AND e.organization_id IS DISTINCT FROM p.organization_id`,
      [integrationId, type, pairs.map((p) => p.externalId), pairs.map((p) => p.organizationId)],
    );
  }

  /** Whether the integration has any record of the type that the source has not deleted. */
  async hasLive(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntityType,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM external_entities
        WHERE integration_id = $1 AND type = $2 AND deleted_at IS NULL LIMIT 1`,
      [integrationId, type],
    );
    return rows.length > 0;
  }

  /**
   * A full pass's listing of the source's ids goes, page by page, into a temporary table of the
   * connection (`manager` must be a query runner's, kept for the whole pass) instead of the
   * process's memory; markUnseenDeleted then compares in SQL. Empty at the start of each pass.
   */
  async startSeen(manager: EntityManager): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS pg_temp.sync_seen_ids`);
    await manager.query(`CREATE TEMPORARY TABLE sync_seen_ids (external_id text NOT NULL)`);
  }

  async addSeen(manager: EntityManager, externalIds: string[]): Promise<void> {
    if (externalIds.length === 0) return;
    await manager.query(`INSERT INTO sync_seen_ids SELECT unnest($1::text[])`, [externalIds]);
  }

  async endSeen(manager: EntityManager): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS pg_temp.sync_seen_ids`);
  }

  /**
   * Marks as deleted every record of the type the source did not list in the pass (startSeen):
   * returns what they were.
   */
  async markUnseenDeleted(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntityType,
  ): Promise<
    { externalId: string; data: Record<string, unknown>; organizationId: string | null }[]
  > {
    // Indexed once filled, and with fresh statistics: each record is then one probe, however
    // the planner misjudges a table grown within the run and not yet analysed.
    await manager.query(`CREATE INDEX ON sync_seen_ids (external_id)`);
    await manager.query(`ANALYZE sync_seen_ids`);
    // An UPDATE answers [rows, count] through TypeORM's postgres driver.
    const [rows]: [
      { external_id: string; data: Record<string, unknown>; organization_id: string | null }[],
      number,
    ] = await manager.query(
      `UPDATE external_entities e SET deleted_at = now(), last_synced_at = now()
        WHERE integration_id = $1 AND type = $2 AND deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM sync_seen_ids s WHERE s.external_id = e.external_id)
        RETURNING external_id, data, organization_id`,
      [integrationId, type],
    );
    return rows.map((r) => ({
      data: r.data,
      externalId: r.external_id,
      organizationId: r.organization_id,
    }));
  }

  async page(
    manager: EntityManager,
    query: {
      integrationId?: string;
      type?: ExternalEntityType;
      mapped?: boolean;
      hidden?: boolean;
      organizationId?: string;
      q?: string;
      offset: number;
      limit: number;
    },
  ): Promise<{ entities: ExternalEntity[]; total: number }> {
    const builder = manager
      .getRepository(ExternalEntity)
      .createQueryBuilder('e')
      .where('e.deletedAt IS NULL');
    if (query.integrationId)
      builder.andWhere('e.integrationId = :integrationId', { integrationId: query.integrationId });
    if (query.type) builder.andWhere('e.type = :type', { type: query.type });
    if (query.mapped !== undefined)
      builder.andWhere(query.mapped ? 'e.organizationId IS NOT NULL' : 'e.organizationId IS NULL');
    if (query.hidden !== undefined)
      builder.andWhere('e.hidden = :hidden', { hidden: query.hidden });
    if (query.organizationId)
      builder.andWhere('e.organizationId = :organizationId', {
        organizationId: query.organizationId,
      });
    if (query.q)
      builder.andWhere('(e.name ILIKE :q OR e.externalId ILIKE :q)', {
        q: containsPattern(query.q),
      });
    const [entities, total] = await builder
      .orderBy('e.type')
      .addOrderBy('e.name')
      .addOrderBy('e.id')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { entities, total };
  }

  /** A record of the integration by the source's id (deleted ones too), or null. */
  findByExternalId(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntity['type'],
    externalId: string,
  ): Promise<ExternalEntity | null> {
    return manager.getRepository(ExternalEntity).findOneBy({ externalId, integrationId, type });
  }

  find(manager: EntityManager, id: string, options: { lock?: boolean } = {}) {
    return manager.getRepository(ExternalEntity).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Pick<Partial<ExternalEntity>, 'hidden' | 'organizationId'>,
  ): Promise<void> {
    await manager.getRepository(ExternalEntity).update(id, changes);
  }

  /** Contacts and invoices of a company follow it to its new organization (or to none). */
  async moveChildren(
    manager: EntityManager,
    integrationId: string,
    companyExternalId: string,
    organizationId: string | null,
  ): Promise<void> {
    await manager
      .getRepository(ExternalEntity)
      .createQueryBuilder()
      .update()
      .set({ organizationId })
      .where("integration_id = :integrationId AND type <> 'company'", { integrationId })
      .andWhere('parent_external_id = :companyExternalId', { companyExternalId })
      .execute();
  }

  /** A company's live invoices or contacts, as the source last had them. */
  children(
    manager: EntityManager,
    integrationId: string,
    companyExternalId: string,
    type: ExternalEntityType,
  ): Promise<ExternalEntity[]> {
    return manager.getRepository(ExternalEntity).find({
      where: {
        deletedAt: IsNull(),
        hidden: false,
        integrationId,
        parentExternalId: companyExternalId,
        type,
      },
    });
  }

  /** Marks these records deleted (a resync found them gone); returns what they were. */
  async markDeleted(
    manager: EntityManager,
    integrationId: string,
    type: ExternalEntityType,
    externalIds: string[],
  ): Promise<
    { externalId: string; data: Record<string, unknown>; organizationId: string | null }[]
  > {
    const [rows]: [
      { external_id: string; data: Record<string, unknown>; organization_id: string | null }[],
      number,
    ] = await manager.query(
      `UPDATE external_entities SET deleted_at = now(), last_synced_at = now()
        WHERE integration_id = $1 AND type = $2 AND deleted_at IS NULL
          AND external_id = ANY($3::text[])
        RETURNING external_id, data, organization_id`,
      [integrationId, type, externalIds],
    );
    return rows.map((r) => ({
      data: r.data,
      externalId: r.external_id,
      organizationId: r.organization_id,
    }));
  }
}
