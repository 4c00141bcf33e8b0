import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { InvoicesService } from '../invoices';
import { OrganizationsService } from '../organizations';
import { SettingsService } from '../settings';
import { SourceAuthError, SourceError, SourceInvoice } from './adapters/source-adapter';
import { EntityResponseDto, ListEntitiesQueryDto } from './dto/entity.dto';
import { ExternalEntitiesRepository } from './external-entities.repository';
import { ExternalEntity } from './external-entity.entity';
import { IntegrationsService } from './integrations.service';
import { SyncRunsService, toInvoiceRow } from './sync-runs.service';

type EntityAction = 'hide' | 'unhide' | 'unmap';
type EntityAuditAction =
  'entity.hidden' | 'entity.mapped' | 'entity.resynced' | 'entity.unhidden' | 'entity.unmapped';

/**
 * The Entities page: every record the integrations brought in, and what staff decide about
 * them (which organization a company is, which records stay out of Settle).
 */
@Injectable()
export class EntitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entities: ExternalEntitiesRepository,
    private readonly integrations: IntegrationsService,
    private readonly runs: SyncRunsService,
    private readonly organizations: OrganizationsService,
    private readonly invoices: InvoicesService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListEntitiesQueryDto): Promise<Page<EntityResponseDto>> {
    const manager = this.dataSource.manager;
    const { entities, total } = await this.entities.page(manager, {
      hidden: query.hidden,
      integrationId: query.integrationId,
      limit: query.pageSize,
      mapped: query.mapped,
      offset: pageOffset(query),
      organizationId: query.organizationId,
      q: query.q,
      type: query.type,
    });
    const names = await this.organizations.names(manager, [
      ...new Set(entities.map((e) => e.organizationId).filter((id): id is string => !!id)),
    ]);
    return toPage(
      entities.map((e) => toResponse(e, names)),
      total,
      query,
    );
  }

  /** This company is that organization: its chip moves there, with its invoices. */
  async map(actor: AuthContext, id: string, organizationId: string): Promise<EntityResponseDto> {
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      const entity = await this.companyOrFail(manager, id);
      await this.organizations.findOrFail(manager, organizationId, { field: 'organizationId' });
      const integration = await this.integrations.findOrFail(manager, entity.integrationId);
      await this.organizations.relinkExternal(
        manager,
        integration.kind,
        entity.externalId,
        organizationId,
      );
      await this.entities.update(manager, id, { organizationId });
      await this.entities.moveChildren(
        manager,
        entity.integrationId,
        entity.externalId,
        organizationId,
      );
      const invoices = await this.entities.children(
        manager,
        entity.integrationId,
        entity.externalId,
        'invoice',
      );
      const moved = await this.runs.syncInvoices(
        manager,
        integration,
        invoices
          .map((i) => i.data as unknown as SourceInvoice)
          .filter((i) => !i.creditMemo)
          .map((i) => toInvoiceRow(integration, i, organizationId)),
      );
      await this.invoices.refreshBalances(moved, today, manager);
      return this.finish(manager, actor, id, 'entity.mapped', entity);
    });
  }

  async act(actor: AuthContext, id: string, action: EntityAction): Promise<EntityResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const entity = await this.findOrFail(manager, id);
      if (action === 'unmap') {
        if (entity.type !== 'company') throw notACompany();
        const integration = await this.integrations.findOrFail(manager, entity.integrationId);
        await this.organizations.relinkExternal(manager, integration.kind, entity.externalId, null);
        await this.entities.update(manager, id, { organizationId: null });
        await this.entities.moveChildren(manager, entity.integrationId, entity.externalId, null);
        return this.finish(manager, actor, id, 'entity.unmapped', entity);
      }
      const hidden = action === 'hide';
      await this.entities.update(manager, id, { hidden });
      if (entity.type === 'company' && entity.organizationId)
        await this.organizations.setStatus(
          manager,
          entity.organizationId,
          hidden ? 'hidden' : 'active',
        );
      return this.finish(manager, actor, id, hidden ? 'entity.hidden' : 'entity.unhidden', entity);
    });
  }

  /** Reads the record again from its source now, as a sync would. */
  async resync(actor: AuthContext, id: string): Promise<EntityResponseDto> {
    const manager = this.dataSource.manager;
    const entity = await this.findOrFail(manager, id, false);
    const integration = await this.integrations.findOrFail(manager, entity.integrationId);
    if (entity.type !== 'company' && entity.type !== 'contact' && entity.type !== 'invoice')
      throw AppException.rule(`${entity.type} records are not synced one by one`);
    try {
      await this.runs.resyncOne(integration, entity.type, entity.externalId);
    } catch (error) {
      if (error instanceof SourceAuthError)
        await this.integrations.markNeedsAttention(integration.id, error.message);
      if (error instanceof SourceAuthError || error instanceof SourceError)
        throw AppException.rule(error.message);
      throw error;
    }
    return this.dataSource.transaction((tx) =>
      this.finish(tx, actor, id, 'entity.resynced', entity),
    );
  }

  private async finish(
    manager: EntityManager,
    actor: AuthContext,
    id: string,
    action: EntityAuditAction,
    before: ExternalEntity,
  ): Promise<EntityResponseDto> {
    const after = (await this.entities.find(manager, id))!;
    const names = await this.organizations.names(
      manager,
      after.organizationId ? [after.organizationId] : [],
    );
    const response = toResponse(after, names);
    await this.audit.record(manager, actor, {
      action,
      after: { hidden: after.hidden, organizationId: after.organizationId },
      before: { hidden: before.hidden, organizationId: before.organizationId },
      entityId: id,
      entityLabel: `${after.type} ${after.name}`,
      entityType: 'external_entity',
      organizationId: after.organizationId ?? before.organizationId ?? undefined,
    });
    return response;
  }

  private async findOrFail(
    manager: EntityManager,
    id: string,
    lock = true,
  ): Promise<ExternalEntity> {
    const entity = await this.entities.find(manager, id, { lock });
    if (!entity) throw AppException.notFound('Entity');
    return entity;
  }

  private async companyOrFail(manager: EntityManager, id: string): Promise<ExternalEntity> {
    const entity = await this.findOrFail(manager, id);
    if (entity.type !== 'company') throw notACompany();
    return entity;
  }
}

function notACompany(): AppException {
  return AppException.rule(
    'Only a company is linked to an organization; its contacts and invoices follow it',
  );
}

function toResponse(entity: ExternalEntity, names: Map<string, string>): EntityResponseDto {
  return {
    deleted: entity.deletedAt !== null,
    externalId: entity.externalId,
    hidden: entity.hidden,
    id: entity.id,
    integrationId: entity.integrationId,
    lastSyncedAt: entity.lastSyncedAt.toISOString(),
    name: entity.name,
    organizationId: entity.organizationId,
    organizationName: entity.organizationId ? (names.get(entity.organizationId) ?? null) : null,
    type: entity.type,
  };
}
