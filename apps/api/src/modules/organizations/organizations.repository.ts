import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { containsPattern } from '../../database/like';
import { OrganizationSortField } from './dto/organization.dto';
import { LinkKind, OrganizationLink } from './organization-link.entity';
import { Organization, OrganizationStatus } from './organization.entity';

export interface SyncedOrganizationRow {
  externalId: string;
  name: string;
  /** Other names the record goes by (an accounting customer's CompanyName), for matching. */
  otherNames?: string[];
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  phone: string | null;
}

export interface OrganizationListRow {
  id: string;
  name: string;
  status: OrganizationStatus;
  city: string | null;
  region: string | null;
  last_portal_login_at: Date | null;
  balance: string;
  past_due: string;
  open_invoices: number;
  contacts_count: number;
}

const SORT_COLUMNS: Record<OrganizationSortField, string> = {
  balance: 'balance',
  name: 'lower(o.name)',
  openInvoices: 'open_invoices',
  pastDue: 'past_due',
};

/** The organizations and organization_links tables. */
@Injectable()
export class OrganizationsRepository {
  /**
   * The list with each organization's A/R and contacts count. Those come from the invoices and
   * contacts modules' tables, joined read-only: they are only displayed here.
   */
  async list(
    manager: EntityManager,
    query: {
      currency: string;
      status: OrganizationStatus | 'all';
      q?: string;
      hasOpenBalance?: boolean;
      convenienceFeeWaived?: boolean;
      sort: [OrganizationSortField, 'ASC' | 'DESC'];
      offset: number;
      limit: number;
    },
  ): Promise<{ rows: OrganizationListRow[]; total: number }> {
    const builder = manager
      .createQueryBuilder()
      .from(Organization, 'o')
      .leftJoin(
        'organization_balances',
        'b',
        'b.organization_id = o.id AND b.currency = :currency',
        { currency: query.currency },
      );
    if (query.status !== 'all') builder.andWhere('o.status = :status', { status: query.status });
    if (query.q) builder.andWhere('o.name ILIKE :q', { q: containsPattern(query.q) });
    if (query.hasOpenBalance !== undefined)
      builder.andWhere(`coalesce(b.balance, 0) ${query.hasOpenBalance ? '>' : '='} 0`);
    if (query.convenienceFeeWaived !== undefined)
      builder.andWhere('o.convenience_fee_waived = :waived', {
        waived: query.convenienceFeeWaived,
      });
    const total = await builder
      .clone()
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    const [field, direction] = query.sort;
    const rows = await builder
      .select([
        'o.id AS id',
        'o.name AS name',
        'o.status AS status',
        'o.city AS city',
        'o.region AS region',
        'o.last_portal_login_at AS last_portal_login_at',
        'coalesce(b.balance, 0) AS balance',
        'coalesce(b.past_due, 0) AS past_due',
        'coalesce(b.open_invoices, 0) AS open_invoices',
        '(SELECT count(*)::int FROM contact_memberships m WHERE m.organization_id = o.id) AS contacts_count',
      ])
      .orderBy(SORT_COLUMNS[field], direction)
      .addOrderBy('o.id')
      .offset(query.offset)
      .limit(query.limit)
      .getRawMany<OrganizationListRow>();
    return { rows, total: total?.total ?? 0 };
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean; withParent?: boolean } = {},
  ): Promise<Organization | null> {
    return manager.getRepository(Organization).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      relations: options.withParent ? { parentOrganization: true } : undefined,
      where: { id },
    });
  }

  /** Which of these ids exist. */
  async existing(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager
      .getRepository(Organization)
      .find({ select: { id: true }, where: { id: In(ids) } });
    return new Set(rows.map((row) => row.id));
  }

  async names(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(Organization)
      .find({ select: { id: true, name: true }, where: { id: In(ids) } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(Organization).count();
  }

  save(manager: EntityManager, organization: Partial<Organization>): Promise<Organization> {
    return manager
      .getRepository(Organization)
      .save(manager.getRepository(Organization).create(organization));
  }

  /** Read-only: how many contacts the contacts module relates to the organization. */
  async contactsCount(manager: EntityManager, organizationId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await manager.query(
      'SELECT count(*)::int AS count FROM contact_memberships WHERE organization_id = $1',
      [organizationId],
    );
    return count;
  }

  /**
   * Serialises re-parenting: two concurrent moves (A under B, B under A) could otherwise each
   * see no cycle and together make one. Take it before locking any organization row.
   */
  async lockHierarchy(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['organization-hierarchy']);
  }

  /**
   * Whether walking up the parents from `startId` (itself included) reaches `targetId`: then
   * `startId` may not become `targetId`'s parent, or child billing's walk up the parents would
   * never end. UNION rather than UNION ALL, so that even a cycle already in the data ends it.
   */
  async chainReaches(manager: EntityManager, startId: string, targetId: string): Promise<boolean> {
    const [{ reaches }]: { reaches: boolean }[] = await manager.query(
      `WITH RECURSIVE chain (id, parent_organization_id) AS (
         SELECT id, parent_organization_id FROM organizations WHERE id = $1
         UNION
         SELECT o.id, o.parent_organization_id
           FROM organizations o JOIN chain c ON o.id = c.parent_organization_id
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $2) AS reaches`,
      [startId, targetId],
    );
    return reaches;
  }

  /** Serialises concurrent upserts of one external id, so that two callers cannot both create it. */
  async lockExternalRef(manager: EntityManager, source: string, externalId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `org:${source}:${externalId}`,
    ]);
  }

  findLink(
    manager: EntityManager,
    where: { source: string; externalId: string } | { organizationId: string; source: string },
  ): Promise<OrganizationLink | null> {
    return manager.getRepository(OrganizationLink).findOneBy(where);
  }

  /** Each organization's id in the source, for those linked to it. */
  async externalIds(
    manager: EntityManager,
    organizationIds: string[],
    source: string,
  ): Promise<Map<string, string>> {
    if (organizationIds.length === 0) return new Map();
    const rows: { organization_id: string; external_id: string }[] = await manager.query(
      `SELECT organization_id, external_id FROM organization_links
        WHERE source = $1 AND organization_id = ANY($2::uuid[])`,
      [source, organizationIds],
    );
    return new Map(rows.map((r) => [r.organization_id, r.external_id]));
  }

  /** The organization linked to each of these ids in the source, for those linked. */
  async byExternalIds(
    manager: EntityManager,
    externalIds: string[],
    source: string,
  ): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows: { organization_id: string; external_id: string }[] = await manager.query(
      `SELECT organization_id, external_id FROM organization_links
        WHERE source = $1 AND external_id = ANY($2::text[])`,
      [source, externalIds],
    );
    return new Map(rows.map((r) => [r.external_id, r.organization_id]));
  }

  links(manager: EntityManager, organizationId: string): Promise<OrganizationLink[]> {
    return manager.getRepository(OrganizationLink).find({
      order: { kind: 'ASC', source: 'ASC' },
      where: { organizationId },
    });
  }

  async insertLink(
    manager: EntityManager,
    link: { organizationId: string; source: string; kind: LinkKind; externalId: string },
  ): Promise<void> {
    await manager.getRepository(OrganizationLink).insert(link);
  }

  async insertLinkIfAbsent(
    manager: EntityManager,
    link: { organizationId: string; source: string; kind: LinkKind; externalId: string },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrganizationLink)
      .values(link)
      .orIgnore()
      .execute();
  }

  /**
   * Organizations kept in step with an external system, a page at a time: those the source's
   * ids are linked to are updated where something differs, the others are created and linked.
   * Returns each external id's organization.
   */
  async syncExternal(
    manager: EntityManager,
    source: string,
    kind: LinkKind,
    rows: SyncedOrganizationRow[],
  ): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const params = [
      source,
      rows.map((r) => r.externalId),
      rows.map((r) => r.name),
      rows.map((r) => r.addressLine1),
      rows.map((r) => r.addressLine2),
      rows.map((r) => r.city),
      rows.map((r) => r.region),
      rows.map((r) => r.postalCode),
      rows.map((r) => r.phone),
    ];
    const input = `SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                        $7::text[], $8::text[], $9::text[])
                     AS i(external_id, name, address_line1, address_line2, city, region,
                          postal_code, phone)`;
    await manager.query(
      `UPDATE organizations o SET name = i.name, address_line1 = i.address_line1,
              address_line2 = i.address_line2, city = i.city, region = i.region,
              postal_code = i.postal_code, phone = i.phone, updated_at = now()
         FROM (${input}) i
         JOIN organization_links l ON l.source = $1 AND l.external_id = i.external_id
        WHERE o.id = l.organization_id
          AND (o.name, o.address_line1, o.address_line2, o.city, o.region, o.postal_code, o.phone)
              IS DISTINCT FROM
              (i.name, i.address_line1, i.address_line2, i.city, i.region, i.postal_code, i.phone)`,
      params,
    );
    await manager.query(
      `WITH missing AS MATERIALIZED (
         SELECT gen_random_uuid() AS id, i.* FROM (${input}) i
          WHERE NOT EXISTS (SELECT 1 FROM organization_links l
                             WHERE l.source = $1 AND l.external_id = i.external_id)),
       created AS (
         INSERT INTO organizations (id, name, address_line1, address_line2, city, region,
                                    postal_code, phone)
         SELECT id, name, address_line1, address_line2, city, region, postal_code, phone
           FROM missing)
       INSERT INTO organization_links (organization_id, source, kind, external_id)
       SELECT id, $1, $10, external_id FROM missing`,
      [...params, kind],
    );
    const links: { external_id: string; organization_id: string }[] = await manager.query(
      `SELECT external_id, organization_id FROM organization_links
        WHERE source = $1 AND external_id = ANY($2::text[])`,
      [source, params[1]],
    );
    return new Map(links.map((l) => [l.external_id, l.organization_id]));
  }

  /**
   * An accounting package's customers (issue 15): a customer already linked keeps its
   * organization (and updates it only when no PSA owns it); an unlinked one links to the one
   * organization whose name equals one of its names (case and outer spaces aside) and that has
   * no accounting link yet; the rest get an organization of their own when `createMissing`
   * (no PSA to bring organizations) and stay unlinked otherwise (mapped by hand). Answers the
   * organization of each linked customer.
   */
  async syncAccounting(
    manager: EntityManager,
    source: string,
    rows: SyncedOrganizationRow[],
    createMissing: boolean,
  ): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const params = [
      source,
      rows.map((r) => r.externalId),
      rows.map((r) => r.name),
      rows.map((r) => r.addressLine1),
      rows.map((r) => r.addressLine2),
      rows.map((r) => r.city),
      rows.map((r) => r.region),
      rows.map((r) => r.postalCode),
      rows.map((r) => r.phone),
    ];
    const input = `SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                        $7::text[], $8::text[], $9::text[])
                     AS i(external_id, name, address_line1, address_line2, city, region,
                          postal_code, phone)`;
    await manager.query(
      `UPDATE organizations o SET name = i.name, address_line1 = i.address_line1,
              address_line2 = i.address_line2, city = i.city, region = i.region,
              postal_code = i.postal_code, phone = i.phone, updated_at = now()
         FROM (${input}) i
         JOIN organization_links l ON l.source = $1 AND l.external_id = i.external_id
        WHERE o.id = l.organization_id
          AND NOT EXISTS (SELECT 1 FROM organization_links p
                           WHERE p.organization_id = o.id AND p.kind = 'psa')
          AND (o.name, o.address_line1, o.address_line2, o.city, o.region, o.postal_code, o.phone)
              IS DISTINCT FROM
              (i.name, i.address_line1, i.address_line2, i.city, i.region, i.postal_code, i.phone)`,
      params,
    );
    const names = rows.flatMap((r) =>
      [r.name, ...(r.otherNames ?? [])].map((name) => ({ externalId: r.externalId, name })),
    );
    // One organization per customer and one customer per organization: a name two
    // organizations share (or two customers claim) is left for staff to map.
    await manager.query(
      `WITH wanted AS (
         SELECT DISTINCT w.external_id, lower(btrim(w.name)) AS name
           FROM unnest($2::text[], $3::text[]) AS w(external_id, name)
          WHERE NOT EXISTS (SELECT 1 FROM organization_links l
                             WHERE l.source = $1 AND l.external_id = w.external_id)),
       candidates AS (
         SELECT DISTINCT w.external_id, o.id AS organization_id
           FROM wanted w
           JOIN organizations o ON lower(btrim(o.name)) = w.name
          WHERE NOT EXISTS (SELECT 1 FROM organization_links a
                             WHERE a.organization_id = o.id AND a.kind = $4)),
       unique_matches AS (
         SELECT c.external_id, c.organization_id FROM candidates c
          WHERE (SELECT count(*) FROM candidates x WHERE x.external_id = c.external_id) = 1
            AND (SELECT count(*) FROM candidates x WHERE x.organization_id = c.organization_id) = 1)
       INSERT INTO organization_links (organization_id, source, kind, external_id)
       SELECT organization_id, $1, $4, external_id FROM unique_matches
       ON CONFLICT DO NOTHING`,
      [source, names.map((n) => n.externalId), names.map((n) => n.name), 'accounting'],
    );
    if (createMissing)
      await manager.query(
        `WITH missing AS MATERIALIZED (
           SELECT gen_random_uuid() AS id, i.* FROM (${input}) i
            WHERE NOT EXISTS (SELECT 1 FROM organization_links l
                               WHERE l.source = $1 AND l.external_id = i.external_id)),
         created AS (
           INSERT INTO organizations (id, name, address_line1, address_line2, city, region,
                                      postal_code, phone)
           SELECT id, name, address_line1, address_line2, city, region, postal_code, phone
             FROM missing)
         INSERT INTO organization_links (organization_id, source, kind, external_id)
         SELECT id, $1, 'accounting', external_id FROM missing`,
        params,
      );
    const links: { external_id: string; organization_id: string }[] = await manager.query(
      `SELECT external_id, organization_id FROM organization_links
        WHERE source = $1 AND external_id = ANY($2::text[])`,
      [source, params[1]],
    );
    return new Map(links.map((l) => [l.external_id, l.organization_id]));
  }

  /** Points an external id at another organization (or at none), whatever it pointed at before. */
  async relink(
    manager: EntityManager,
    link: { source: string; kind: LinkKind; externalId: string; organizationId: string | null },
  ): Promise<void> {
    await manager
      .getRepository(OrganizationLink)
      .delete({ externalId: link.externalId, source: link.source });
    if (link.organizationId)
      await manager.getRepository(OrganizationLink).insert({
        externalId: link.externalId,
        kind: link.kind,
        organizationId: link.organizationId,
        source: link.source,
      });
  }

  async setStatus(manager: EntityManager, id: string, status: OrganizationStatus): Promise<void> {
    await manager.getRepository(Organization).update(id, { status });
  }
}
