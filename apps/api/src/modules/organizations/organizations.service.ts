import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { Upserted } from '../../common/upserted';
import { AuditService } from '../audit';
import { SettingsService } from '../settings';
import {
  AddressDto,
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  OrganizationResponseDto,
  OrganizationSortField,
  OrganizationSummaryDto,
  toAddressResponse,
  UpdateOrganizationDto,
  UpsertOrganizationDto,
} from './dto/organization.dto';
import { linkKindOf } from './organization-link.entity';
import { Organization } from './organization.entity';
import {
  OrganizationListRow,
  OrganizationsRepository,
  SyncedOrganizationRow,
} from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

  async list(query: ListOrganizationsQueryDto): Promise<Page<OrganizationSummaryDto>> {
    const { currency } = await this.settings.mspCalendar();
    const { rows, total } = await this.organizations.list(this.dataSource.manager, {
      convenienceFeeWaived: query.convenienceFeeWaived,
      currency,
      hasOpenBalance: query.hasOpenBalance,
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<OrganizationSortField>(query.sort, 'name'),
      status: query.status ?? 'active',
    });
    return toPage(
      rows.map((row) => toSummary(row, currency)),
      total,
      query,
    );
  }

  get(id: string): Promise<OrganizationResponseDto> {
    return this.load(this.dataSource.manager, id);
  }

  async create(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      if (dto.parentOrganizationId)
        await this.findOrFail(manager, dto.parentOrganizationId, { field: 'parentOrganizationId' });
      const organization = await this.organizations.save(manager, this.columns(dto));
      const response = await this.load(manager, organization.id);
      await this.audit.record(manager, actor, {
        action: 'organization.created',
        after: response,
        entityId: organization.id,
        entityLabel: response.name,
        entityType: 'organization',
        organizationId: organization.id,
      });
      return response;
    });
  }

  async update(
    actor: Actor,
    id: string,
    dto: UpdateOrganizationDto,
  ): Promise<OrganizationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      // Before any row lock: the new parent's foreign-key check waits on a row that a
      // concurrent move may hold, and that move must not in turn wait on this lock.
      if (dto.parentOrganizationId) await this.organizations.lockHierarchy(manager);
      const organization = await this.findOrFail(manager, id, { lock: true });
      const before = await this.load(manager, id);
      if (dto.parentOrganizationId) {
        if (dto.parentOrganizationId === id)
          throw AppException.invalidField(
            'parentOrganizationId',
            'cannot be the organization itself',
          );
        await this.findOrFail(manager, dto.parentOrganizationId, { field: 'parentOrganizationId' });
        if (await this.organizations.chainReaches(manager, dto.parentOrganizationId, id))
          throw AppException.rule(
            'parentOrganizationId would make the organization its own ancestor',
            [
              {
                field: 'parentOrganizationId',
                message: 'would make the organization its own ancestor',
              },
            ],
          );
      }
      Object.assign(organization, this.columns(dto, organization));
      if (dto.status) organization.status = dto.status;
      if (dto.convenienceFeeWaived !== undefined)
        organization.convenienceFeeWaived = dto.convenienceFeeWaived;
      await this.organizations.save(manager, organization);
      const after = await this.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'organization.updated',
        after,
        before,
        entityId: id,
        entityLabel: after.name,
        entityType: 'organization',
        organizationId: id,
      });
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
      await this.organizations.lockExternalRef(manager, source, externalId);
      const link = await this.organizations.findLink(manager, { externalId, source });
      if (link) {
        const organization = await this.findOrFail(manager, link.organizationId, { lock: true });
        const before = await this.load(manager, organization.id);
        Object.assign(organization, this.columns(dto, organization));
        await this.organizations.save(manager, organization);
        const after = await this.load(manager, organization.id);
        await this.audit.record(manager, actor, {
          action: 'organization.upserted',
          after,
          before,
          entityId: organization.id,
          entityLabel: after.name,
          entityType: 'organization',
          organizationId: organization.id,
        });
        return { body: after, created: false };
      }
      const organization = await this.organizations.save(manager, this.columns(dto));
      await this.organizations.insertLink(manager, {
        externalId,
        kind: linkKindOf(source),
        organizationId: organization.id,
        source,
      });
      const after = await this.load(manager, organization.id);
      await this.audit.record(manager, actor, {
        action: 'organization.upserted',
        after,
        entityId: organization.id,
        entityLabel: after.name,
        entityType: 'organization',
        organizationId: organization.id,
      });
      return { body: after, created: true };
    });
  }

  /**
   * The organization, or an error: a reference inside a request body (`field`) is bad input, the
   * resource in the path is a 404.
   */
  async findOrFail(
    manager: EntityManager,
    id: string,
    options: { field?: string; lock?: boolean } = {},
  ): Promise<Organization> {
    const organization = await this.organizations.findById(manager, id, { lock: options.lock });
    if (organization) return organization;
    if (options.field) throw AppException.invalidField(options.field, 'does not exist');
    throw AppException.notFound('Organization');
  }

  /** Which of these organizations exist. */
  existing(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.organizations.existing(manager, ids);
  }

  /** The names of these organizations, by id (ids of none are left out). */
  names(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    return this.organizations.names(manager, ids);
  }

  hasAny(): Promise<boolean> {
    return this.organizations.count(this.dataSource.manager).then((count) => count > 0);
  }

  /** The organization's customer id at a payment gateway (its gateway "chip"), if it has one. */
  async gatewayCustomerRef(
    manager: EntityManager,
    organizationId: string,
    gateway: string,
  ): Promise<string | null> {
    const link = await this.organizations.findLink(manager, { organizationId, source: gateway });
    return link?.externalId ?? null;
  }

  /** The organizations' ids in a source (their chips there), for those that have one. */
  externalRefs(
    manager: EntityManager,
    organizationIds: string[],
    source: string,
  ): Promise<Map<string, string>> {
    return this.organizations.externalIds(manager, organizationIds, source);
  }

  /** The organization linked to each of these ids in another system, for those linked. */
  organizationsOfExternalIds(
    manager: EntityManager,
    externalIds: string[],
    source: string,
  ): Promise<Map<string, string>> {
    return this.organizations.byExternalIds(manager, externalIds, source);
  }

  /** Records the organization's id in another system (a "chip"), unless that id is known. */
  addLink(
    manager: EntityManager,
    link: { organizationId: string; source: string; externalId: string },
  ): Promise<void> {
    return this.organizations.insertLinkIfAbsent(manager, {
      ...link,
      kind: linkKindOf(link.source),
    });
  }

  /**
   * An integration's companies as organizations (one page, in the sync's transaction): updated
   * where the source differs, created and linked when new. Returns each external id's organization.
   */
  syncFromSource(
    manager: EntityManager,
    source: string,
    rows: SyncedOrganizationRow[],
  ): Promise<Map<string, string>> {
    return this.organizations.syncExternal(manager, source, linkKindOf(source), rows);
  }

  /**
   * An accounting package's customers: linked to their organization by an existing link, else by
   * name; created only when `createMissing` (no PSA brings organizations). See syncAccounting.
   */
  syncFromAccounting(
    manager: EntityManager,
    source: string,
    rows: SyncedOrganizationRow[],
    createMissing: boolean,
  ): Promise<Map<string, string>> {
    return this.organizations.syncAccounting(manager, source, rows, createMissing);
  }

  /** Staff chose which organization an external record is (null: none); the sync follows it. */
  relinkExternal(
    manager: EntityManager,
    source: string,
    externalId: string,
    organizationId: string | null,
  ): Promise<void> {
    return this.organizations.relink(manager, {
      externalId,
      kind: linkKindOf(source),
      organizationId,
      source,
    });
  }

  /** Hides an organization from the lists (or shows it again) when its source record is hidden. */
  setStatus(manager: EntityManager, id: string, status: 'active' | 'hidden'): Promise<void> {
    return this.organizations.setStatus(manager, id, status);
  }

  private async load(manager: EntityManager, id: string): Promise<OrganizationResponseDto> {
    const organization = await this.organizations.findById(manager, id, { withParent: true });
    if (!organization) throw AppException.notFound('Organization');
    const [links, contactsCount] = await Promise.all([
      this.organizations.links(manager, id),
      this.organizations.contactsCount(manager, id),
    ]);
    return {
      address: toAddressResponse(organization),
      contactsCount,
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

function toSummary(row: OrganizationListRow, currency: string): OrganizationSummaryDto {
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
