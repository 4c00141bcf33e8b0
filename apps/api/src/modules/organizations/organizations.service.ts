import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { agingBuckets } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { Upserted } from '../../common/upserted';
import { AuditService, escapeLike } from '../audit/audit.service';
import { BalancesService } from '../invoices/balances.service';
import { SettingsService } from '../settings/settings.service';
import {
  AddressDto,
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  OrganizationBalanceResponseDto,
  OrganizationResponseDto,
  OrganizationSortField,
  OrganizationSummaryDto,
  toAddressResponse,
  UpdateOrganizationDto,
  UpsertOrganizationDto,
} from './dto/organization.dto';
import { linkKindOf, OrganizationLink } from './organization-link.entity';
import { Organization } from './organization.entity';

const SORT_COLUMNS: Record<OrganizationSortField, string> = {
  balance: 'balance',
  name: 'lower(o.name)',
  openInvoices: 'open_invoices',
  pastDue: 'past_due',
};

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly balances: BalancesService,
    private readonly settings: SettingsService,
  ) {}

  async list(query: ListOrganizationsQueryDto): Promise<Page<OrganizationSummaryDto>> {
    const { currency, today } = await this.settings.mspCalendar();
    await this.balances.ensureCurrent(today);
    const [field, direction] = parseSort<OrganizationSortField>(query.sort, 'name');
    const where: string[] = [];
    const params: unknown[] = [currency];
    const status = query.status ?? 'active';
    if (status !== 'all') where.push(`o.status = $${params.push(status)}`);
    if (query.q) where.push(`o.name ILIKE $${params.push(`%${escapeLike(query.q)}%`)}`);
    if (query.hasOpenBalance !== undefined)
      where.push(`coalesce(b.balance, 0) ${query.hasOpenBalance ? '>' : '='} 0`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM organizations o LEFT JOIN organization_balances b ON b.organization_id = o.id AND b.currency = $1 ${filter}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT o.id, o.name, o.status, o.city, o.region, o.last_portal_login_at,
              coalesce(b.balance, 0) AS balance, coalesce(b.past_due, 0) AS past_due,
              coalesce(b.open_invoices, 0) AS open_invoices,
              (SELECT count(*)::int FROM contact_memberships m WHERE m.organization_id = o.id) AS contacts_count
         ${from}
        ORDER BY ${SORT_COLUMNS[field]} ${direction}, o.id
        LIMIT $${params.push(query.pageSize)} OFFSET $${params.push(pageOffset(query))}`,
      params,
    );
    return toPage(
      rows.map((row) => toSummary(row, currency)),
      total,
      query,
    );
  }

  async get(id: string): Promise<OrganizationResponseDto> {
    return this.load(this.dataSource.manager, id);
  }

  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      if (dto.parentOrganizationId)
        await this.findOrFail(manager, dto.parentOrganizationId, 'parentOrganizationId');
      const organization = await manager.save(manager.create(Organization, this.columns(dto)));
      const response = await this.load(manager, organization.id);
      await this.audit.record(
        actor,
        {
          action: 'organization.created',
          after: response,
          entityId: organization.id,
          entityType: 'organization',
        },
        manager,
      );
      return response;
    });
  }

  async update(
    actor: Actor,
    id: string,
    dto: UpdateOrganizationDto,
  ): Promise<OrganizationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.findOrFail(manager, id, null, true);
      const before = await this.load(manager, id);
      if (dto.parentOrganizationId) {
        if (dto.parentOrganizationId === id)
          throw AppException.invalidField(
            'parentOrganizationId',
            'cannot be the organization itself',
          );
        await this.findOrFail(manager, dto.parentOrganizationId, 'parentOrganizationId');
      }
      Object.assign(organization, this.columns(dto, organization));
      if (dto.status) organization.status = dto.status;
      if (dto.convenienceFeeWaived !== undefined)
        organization.convenienceFeeWaived = dto.convenienceFeeWaived;
      await manager.save(organization);
      const after = await this.load(manager, id);
      await this.audit.record(
        actor,
        { action: 'organization.updated', after, before, entityId: id, entityType: 'organization' },
        manager,
      );
      return after;
    });
  }

  /** Integrator upsert keyed by the organization's id in an external system. */
  async upsertExternal(
    actor: Actor,
    source: string,
    externalId: string,
    dto: UpsertOrganizationDto,
  ): Promise<Upserted<OrganizationResponseDto>> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent upserts of one external id, so two callers cannot both create it.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `org:${source}:${externalId}`,
      ]);
      const link = await manager.findOneBy(OrganizationLink, { externalId, source });
      if (link) {
        const organization = await this.findOrFail(manager, link.organizationId, null, true);
        const before = await this.load(manager, organization.id);
        Object.assign(organization, this.columns(dto, organization));
        await manager.save(organization);
        const after = await this.load(manager, organization.id);
        await this.audit.record(
          actor,
          {
            action: 'organization.upserted',
            after,
            before,
            entityId: organization.id,
            entityType: 'organization',
          },
          manager,
        );
        return { body: after, created: false };
      }
      const organization = await manager.save(manager.create(Organization, this.columns(dto)));
      await manager.insert(OrganizationLink, {
        externalId,
        kind: linkKindOf(source),
        organizationId: organization.id,
        source,
      });
      const after = await this.load(manager, organization.id);
      await this.audit.record(
        actor,
        {
          action: 'organization.upserted',
          after,
          entityId: organization.id,
          entityType: 'organization',
        },
        manager,
      );
      return { body: after, created: true };
    });
  }

  async balance(id: string): Promise<OrganizationBalanceResponseDto> {
    await this.findOrFail(this.dataSource.manager, id);
    const { currency, today } = await this.settings.mspCalendar();
    const invoices: { id: string; number: string; due_date: string; open_balance: string }[] =
      await this.dataSource.query(
        `SELECT id, number, due_date::text AS due_date, open_balance FROM invoices
        WHERE organization_id = $1 AND currency = $2 AND status = 'open' AND open_balance > 0
        ORDER BY due_date, issue_date, id`,
        [id, currency],
      );
    const open = invoices.map((i) => ({
      dueDate: i.due_date,
      openBalance: Number(i.open_balance),
    }));
    const aging = agingBuckets(open, today);
    const [credits] = await this.dataSource.query(
      `SELECT coalesce(sum(remaining) FILTER (WHERE kind = 'credit_memo'), 0) AS credits,
              coalesce(sum(remaining) FILTER (WHERE kind = 'unapplied_payment'), 0) AS unapplied
         FROM credits WHERE organization_id = $1 AND currency = $2`,
      [id, currency],
    );
    const oldest = invoices[0];
    return {
      aging,
      creditsAvailable: Number(credits.credits),
      currency,
      oldestInvoice: oldest
        ? { dueDate: oldest.due_date, id: oldest.id, number: oldest.number }
        : null,
      openInvoices: invoices.length,
      pastDue: aging.total - aging.current,
      totalBalance: aging.total,
      unappliedPayments: Number(credits.unapplied),
    };
  }

  async findOrFail(
    manager: EntityManager,
    id: string,
    field: string | null = null,
    lock = false,
  ): Promise<Organization> {
    const organization = await manager.findOne(Organization, {
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
    if (organization) return organization;
    // A reference inside a request body is bad input; the resource in the path is a 404.
    if (field) throw AppException.invalidField(field, 'does not exist');
    throw AppException.notFound('Organization');
  }

  private async load(manager: EntityManager, id: string): Promise<OrganizationResponseDto> {
    const organization = await manager.findOne(Organization, {
      relations: { parentOrganization: true },
      where: { id },
    });
    if (!organization) throw new AppException(HttpStatus.NOT_FOUND, 'Organization not found');
    const [links, [{ count }]] = await Promise.all([
      manager.find(OrganizationLink, {
        order: { kind: 'ASC', source: 'ASC' },
        where: { organizationId: id },
      }),
      manager.query(
        'SELECT count(*)::int AS count FROM contact_memberships WHERE organization_id = $1',
        [id],
      ),
    ]);
    return {
      address: toAddressResponse(organization),
      contactsCount: count,
      convenienceFeeWaived: organization.convenienceFeeWaived,
      createdAt: organization.createdAt.toISOString(),
      id: organization.id,
      lastPortalLoginAt: organization.lastPortalLoginAt?.toISOString() ?? null,
      lastPortalLoginEmail: organization.lastPortalLoginEmail,
      links: links.map(({ externalId, kind, source }) => ({ externalId, kind, source })),
      name: organization.name,
      parentOrganizationId: organization.parentOrganizationId,
      parentOrganizationName: organization.parentOrganization?.name ?? null,
      phone: organization.phone,
      status: organization.status,
      updatedAt: organization.updatedAt.toISOString(),
    };
  }

  /** Maps a create/update body onto entity columns; absent fields keep their current value. */
  private columns(
    dto: Partial<CreateOrganizationDto>,
    current?: Organization,
  ): Partial<Organization> {
    const address: AddressDto = dto.address ?? {};
    const pick = <T>(value: T | undefined, fallback: T | null | undefined): T | null =>
      value === undefined ? (fallback ?? null) : value;
    return {
      addressLine1: pick(address.line1, current?.addressLine1),
      addressLine2: pick(address.line2, current?.addressLine2),
      city: pick(address.city, current?.city),
      country: pick(address.country, current?.country),
      name: dto.name ?? current?.name,
      parentOrganizationId: pick(dto.parentOrganizationId, current?.parentOrganizationId),
      phone: pick(dto.phone, current?.phone),
      postalCode: pick(address.postalCode, current?.postalCode),
      region: pick(address.region, current?.region),
    };
  }
}

interface SummaryRow {
  id: string;
  name: string;
  status: 'active' | 'hidden';
  city: string | null;
  region: string | null;
  last_portal_login_at: Date | null;
  balance: string;
  past_due: string;
  open_invoices: number;
  contacts_count: number;
}

function toSummary(row: SummaryRow, currency: string): OrganizationSummaryDto {
  return {
    balance: Number(row.balance),
    city: row.city,
    contactsCount: row.contacts_count,
    currency,
    id: row.id,
    lastPortalLoginAt: row.last_portal_login_at?.toISOString() ?? null,
    name: row.name,
    openInvoices: row.open_invoices,
    pastDue: Number(row.past_due),
    region: row.region,
    status: row.status,
  };
}
