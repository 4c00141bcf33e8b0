import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext, SystemActor } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import { InvoicePdfs } from '../invoices';
import { SettingsService } from '../settings';
import { ConnectWiseAdapter } from './adapters/connectwise/connectwise-adapter';
import {
  CONNECTWISE_CLIENT_DEFAULTS,
  ConnectWiseClient,
} from './adapters/connectwise/connectwise-client';
import { QuickBooksAdapter } from './adapters/quickbooks/quickbooks-adapter';
import { SourceAdapter, SourceAuthError, SourceError } from './adapters/source-adapter';
import {
  ConnectWiseSettingsDto,
  CreateIntegrationDto,
  IntegrationResponseDto,
  IntegrationTestResponseDto,
  QuickBooksSettingsDto,
  UpdateIntegrationDto,
} from './dto/integration.dto';
import { toSyncRunResponse } from './dto/sync-run.mapper';
import {
  ConnectWiseSettings,
  connectWiseSettings,
  Integration,
  IntegrationKind,
  QuickBooksSettings,
  quickBooksSettings,
} from './integration.entity';
import { ExternalEntitiesRepository } from './external-entities.repository';
import { IntegrationsRepository } from './integrations.repository';
import { QUICKBOOKS_NOT_CONNECTED, QuickBooksConnections } from './quickbooks-connections.service';
import { SyncRunsRepository } from './sync-runs.repository';

interface ConnectWiseCredentials {
  privateKey: string;
}

const PDF_LINK_PREFIX = '/api/v1/integrations/';
const PDF_LINK = /^\/api\/v1\/integrations\/([0-9a-f-]{36})\/invoices\/([^/]+)\/pdf$/;
/** A PDF bigger than this is not an invoice: it is not passed on. */
const MAX_PDF_BYTES = 25 * 1024 * 1024;
/** Types a source may label a PDF with; an HTML page (a sign-in screen) is not passed on. */
const PDF_TYPES = new Set(['application/pdf', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The link a synced invoice keeps as its PDF: Settle's own route, which reads the PDF from the
 * source with the integration's credentials, so neither staff nor a customer ever holds them.
 */
export function invoicePdfPath(integrationId: string, externalId: string): string {
  return `${PDF_LINK_PREFIX}${integrationId}/invoices/${encodeURIComponent(externalId)}/pdf`;
}

/** Connected systems: their settings, sealed credentials, status, and the adapter that talks to each. */
@Injectable()
export class IntegrationsService implements OnModuleInit {
  private readonly box: SecretBox;
  private readonly pageSize: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly runs: SyncRunsRepository,
    private readonly audit: AuditService,
    private readonly entities: ExternalEntitiesRepository,
    private readonly pdfs: InvoicePdfs,
    private readonly quickbooks: QuickBooksConnections,
    private readonly settings: SettingsService,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
    this.pageSize = config.env.SYNC_PAGE_SIZE;
  }

  /** The portal's invoice PDF download serves synced invoices' links through invoicePdf. */
  onModuleInit(): void {
    this.pdfs.registerOpener(PDF_LINK_PREFIX, (link) => {
      const [, integrationId, externalId] = PDF_LINK.exec(link) ?? [];
      if (!integrationId || !externalId) throw AppException.notFound('Invoice PDF');
      return this.invoicePdf(integrationId, decodeURIComponent(externalId));
    });
  }

  /**
   * A synced invoice's PDF, read from its source now with the integration's credentials; a 404
   * for an invoice the integration never synced or the source no longer has, a 502 when the
   * source refuses or fails.
   */
  async invoicePdf(
    integrationId: string,
    externalId: string,
  ): Promise<{ body: Readable; length: number | null; number: string }> {
    const manager = this.dataSource.manager;
    const integration = await this.findOrFail(manager, integrationId);
    if (externalId.length > 120) throw AppException.notFound('Invoice PDF');
    const synced = await this.entities.findByExternalId(
      manager,
      integrationId,
      'invoice',
      externalId,
    );
    if (!synced || synced.deletedAt) throw AppException.notFound('Invoice PDF');
    let document;
    try {
      document = await this.adapterFor(integration).invoicePdf(externalId);
    } catch (error) {
      if (!(error instanceof SourceAuthError || error instanceof SourceError)) throw error;
      throw new AppException(
        HttpStatus.BAD_GATEWAY,
        `The invoice's PDF could not be fetched from its source: ${error.message}`,
      );
    }
    if (!document) throw AppException.notFound('Invoice PDF');
    const type = (document.contentType ?? 'application/pdf').split(';')[0].trim().toLowerCase();
    if (!PDF_TYPES.has(type) || (document.length ?? 0) > MAX_PDF_BYTES) {
      await document.body.cancel();
      throw new AppException(
        HttpStatus.BAD_GATEWAY,
        `The invoice's PDF could not be fetched from its source: it sent ${type}${document.length ? ` of ${document.length} bytes` : ''}, not a PDF`,
      );
    }
    return {
      body: Readable.fromWeb(document.body as WebReadableStream<Uint8Array>),
      length: document.length,
      number: synced.name,
    };
  }

  async list(): Promise<{ data: IntegrationResponseDto[] }> {
    const manager = this.dataSource.manager;
    const integrations = await this.integrations.all(manager);
    const latest = await this.runs.latest(
      manager,
      integrations.map((i) => i.id),
    );
    return { data: integrations.map((i) => toResponse(i, latest.get(i.id) ?? null)) };
  }

  async get(id: string): Promise<IntegrationResponseDto> {
    return this.load(this.dataSource.manager, id);
  }

  async create(
    actor: AuthContext | SystemActor,
    dto: CreateIntegrationDto,
  ): Promise<IntegrationResponseDto> {
    const quickbooks = dto.kind === 'quickbooks';
    if (quickbooks && dto.credentials)
      throw AppException.rule('QuickBooks is connected through its own sign-in, not with keys', [
        { field: 'credentials', message: 'must be omitted for quickbooks' },
      ]);
    const settings = settingsOf(dto.kind, dto.settings, null);
    return this.dataSource.transaction(async (manager) => {
      // QuickBooks waits for the admin's sign-in (GET /integrations/{id}/oauth/authorize).
      const integration = await this.integrations.insert(manager, {
        kind: dto.kind,
        name: dto.name,
        schedule: dto.schedule ?? 'hourly',
        sealedCredentials: quickbooks ? null : this.box.seal(JSON.stringify(dto.credentials)),
        settings,
        status: quickbooks ? 'needs_attention' : 'connected',
        statusMessage: quickbooks ? QUICKBOOKS_NOT_CONNECTED : null,
      });
      const response = await this.load(manager, integration.id);
      await this.audit.record(manager, actor, {
        action: 'integration.created',
        after: response,
        entityId: integration.id,
        entityLabel: integration.name,
        entityType: 'integration',
      });
      return response;
    });
  }

  async update(
    actor: AuthContext | SystemActor,
    id: string,
    dto: UpdateIntegrationDto,
  ): Promise<IntegrationResponseDto> {
    let revoke: Integration | null = null;
    const updated = await this.dataSource.transaction(async (manager) => {
      const integration = await this.findOrFail(manager, id, true);
      const before = await this.load(manager, id);
      const changes: Partial<Integration> = {};
      const quickbooks = integration.kind === 'quickbooks';
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.schedule !== undefined) changes.schedule = dto.schedule;
      if (dto.settings !== undefined)
        changes.settings = settingsOf(integration.kind, dto.settings, integration);
      if (dto.credentials !== undefined) {
        if (quickbooks)
          throw AppException.rule(
            'QuickBooks is connected through its own sign-in, not with keys',
            [{ field: 'credentials', message: 'must be omitted for quickbooks' }],
          );
        changes.sealedCredentials = this.box.seal(JSON.stringify(dto.credentials));
      }
      if (dto.status !== undefined) changes.status = dto.status;
      if (quickbooks && dto.status === 'connected' && !integration.sealedCredentials)
        throw AppException.rule(
          'Connect it through QuickBooks first (Reconnect: GET /integrations/{id}/oauth/authorize)',
          [{ field: 'status', message: 'QuickBooks has not authorized Settle' }],
        );
      // New settings or keys are a new chance: the next sync or test says whether they work.
      // (QuickBooks' chance is its sign-in: settings alone change nothing there.)
      if (
        !quickbooks &&
        (dto.settings || dto.credentials) &&
        integration.status === 'needs_attention'
      ) {
        changes.status = dto.status ?? 'connected';
        changes.statusMessage = null;
      }
      if (dto.status === 'connected') changes.statusMessage = null;
      // Disconnecting QuickBooks ends the grant at Intuit; a reconnect is a new sign-in.
      if (quickbooks && dto.status === 'disconnected' && integration.sealedCredentials) {
        revoke = integration;
        changes.sealedCredentials = null;
        changes.statusMessage = null;
      }
      await this.integrations.update(manager, id, changes);
      if (quickbooks) await this.followAccounting(manager);
      const after = await this.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'integration.updated',
        after,
        before,
        entityId: id,
        entityLabel: after.name,
        entityType: 'integration',
      });
      return after;
    });
    if (revoke) await this.quickbooks.revoke(revoke);
    return updated;
  }

  async remove(actor: AuthContext, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const integration = await this.findOrFail(manager, id, true);
      if (await this.runs.active(manager, id))
        throw AppException.conflict(
          'A sync of this integration is running; try again when it ends',
        );
      await this.integrations.remove(manager, id);
      if (integration.kind === 'quickbooks') await this.followAccounting(manager);
      await this.audit.record(manager, actor, {
        action: 'integration.deleted',
        before: { kind: integration.kind, name: integration.name },
        entityId: id,
        entityLabel: integration.name,
        entityType: 'integration',
      });
      return integration;
    });
    if (removed.kind === 'quickbooks') await this.quickbooks.revoke(removed);
  }

  /** "Test connection": asks the source who it is; a refusal marks the integration needing attention. */
  async test(id: string): Promise<IntegrationTestResponseDto> {
    const integration = await this.findOrFail(this.dataSource.manager, id);
    try {
      const { company, version } = await this.adapterFor(integration).test();
      if (integration.status === 'needs_attention') await this.markConnected(id);
      const status = integration.status === 'disconnected' ? 'disconnected' : 'connected';
      const about =
        integration.kind === 'quickbooks'
          ? ` (QuickBooks company ${company ?? 'unnamed'})`
          : version
            ? ` (ConnectWise ${version})`
            : '';
      return { message: `Connected${about}`, ok: true, status };
    } catch (error) {
      if (!(error instanceof SourceAuthError || error instanceof SourceError)) throw error;
      if (error instanceof SourceAuthError) await this.markNeedsAttention(id, error.message);
      const { status } = await this.findOrFail(this.dataSource.manager, id);
      return { message: error.message, ok: false, status };
    }
  }

  async findOrFail(manager: EntityManager, id: string, lock = false): Promise<Integration> {
    const integration = await this.integrations.find(manager, id, { lock });
    if (!integration) throw AppException.notFound('Integration');
    return integration;
  }

  adapterFor(integration: Integration): SourceAdapter {
    if (integration.kind === 'quickbooks')
      return new QuickBooksAdapter(this.quickbooks.clientFor(integration, this.pageSize));
    const settings = connectWiseSettings(integration);
    const credentials = this.credentialsOf(integration);
    return new ConnectWiseAdapter(
      new ConnectWiseClient(
        {
          clientId: settings.clientId,
          companyId: settings.companyId,
          privateKey: credentials.privateKey,
          publicKey: settings.publicKey,
          site: settings.site,
        },
        { ...CONNECTWISE_CLIENT_DEFAULTS, pageSize: this.pageSize },
      ),
    );
  }

  async markNeedsAttention(id: string, message: string): Promise<void> {
    await this.integrations.update(this.dataSource.manager, id, {
      status: 'needs_attention',
      statusMessage: message.slice(0, 1000),
    });
  }

  async markConnected(id: string): Promise<void> {
    await this.integrations.update(this.dataSource.manager, id, {
      status: 'connected',
      statusMessage: null,
    });
  }

  saveProgress(
    manager: EntityManager,
    id: string,
    changes: Pick<Partial<Integration>, 'cursors' | 'lastFullSyncAt'>,
  ): Promise<void> {
    return this.integrations.update(manager, id, changes);
  }

  /** Whether a PSA (ConnectWise) is connected: then organizations come from it. */
  async psaConnected(manager: EntityManager): Promise<boolean> {
    return (await this.integrations.all(manager)).some(
      (i) => i.kind === 'connectwise' && i.status !== 'disconnected',
    );
  }

  all(): Promise<Integration[]> {
    return this.integrations.all(this.dataSource.manager);
  }

  /** `work` unless it already runs for the integration, in this process or another. */
  exclusively<T>(
    integrationId: string,
    purpose: string,
    work: () => Promise<T>,
  ): Promise<T | null> {
    return this.integrations.whileHolding(this.dataSource, integrationId, purpose, work);
  }

  /** The accounting package payments are pushed to, when it is connected now. */
  async connectedAccounting(): Promise<Integration | null> {
    return (
      (await this.all()).find((i) => i.kind === 'quickbooks' && i.status === 'connected') ?? null
    );
  }

  /**
   * Payments that succeed from now on wait to be pushed while an accounting package is signed in
   * (even one needing attention: they go once it is fixed); with none, they need no sync.
   */
  async followAccounting(manager: EntityManager): Promise<void> {
    const active = (await this.integrations.all(manager)).some(
      (i) => i.kind === 'quickbooks' && i.status !== 'disconnected' && i.sealedCredentials !== null,
    );
    await this.settings.setAccountingPushActive(manager, active);
  }

  private credentialsOf(integration: Integration): ConnectWiseCredentials {
    if (!integration.sealedCredentials) return { privateKey: '' };
    return JSON.parse(this.box.open(integration.sealedCredentials)) as ConnectWiseCredentials;
  }

  private async load(manager: EntityManager, id: string): Promise<IntegrationResponseDto> {
    const integration = await this.findOrFail(manager, id);
    const latest = await this.runs.latest(manager, [id]);
    return toResponse(integration, latest.get(id) ?? null);
  }
}

/** The kind's settings from a request; settings of the other kind are refused. */
function settingsOf(
  kind: IntegrationKind,
  dto: ConnectWiseSettingsDto | QuickBooksSettingsDto,
  current: Integration | null,
): ConnectWiseSettings | QuickBooksSettings {
  if (kind === 'quickbooks') {
    if ('site' in dto)
      throw AppException.rule('These are not QuickBooks settings', [
        { field: 'settings', message: 'must be QuickBooks settings for a quickbooks integration' },
      ]);
    const qbo = dto as QuickBooksSettingsDto;
    return {
      depositAccountId: qbo.depositAccountId ?? null,
      hiddenCompanyStatuses: qbo.hiddenCompanyStatuses ?? [],
      hiddenCompanyTypes: qbo.hiddenCompanyTypes ?? [],
      paymentMethodId: qbo.paymentMethodId ?? null,
      // the connected company is the sign-in's to set, never a request's
      realmId: current ? quickBooksSettings(current).realmId : null,
    };
  }
  if (!('site' in dto))
    throw AppException.rule('These are not ConnectWise settings', [
      { field: 'settings.site', message: 'is required for a connectwise integration' },
    ]);
  return {
    clientId: dto.clientId,
    companyId: dto.companyId,
    hiddenCompanyStatuses: dto.hiddenCompanyStatuses ?? [],
    hiddenCompanyTypes: dto.hiddenCompanyTypes ?? [],
    publicKey: dto.publicKey,
    site: dto.site.replace(/\/+$/, ''),
  };
}

function toResponse(
  integration: Integration,
  lastRun: Parameters<typeof toSyncRunResponse>[0] | null,
): IntegrationResponseDto {
  return {
    createdAt: integration.createdAt.toISOString(),
    credentialsSet: integration.sealedCredentials !== null,
    id: integration.id,
    kind: integration.kind,
    lastFullSyncAt: integration.lastFullSyncAt?.toISOString() ?? null,
    lastRun: lastRun ? toSyncRunResponse(lastRun) : null,
    name: integration.name,
    schedule: integration.schedule,
    settings:
      integration.kind === 'quickbooks'
        ? quickBooksSettings(integration)
        : cwSettingsOf(integration),
    status: integration.status,
    statusMessage: integration.statusMessage,
  };
}

function cwSettingsOf(integration: Integration) {
  const settings = connectWiseSettings(integration);
  return {
    clientId: settings.clientId,
    companyId: settings.companyId,
    hiddenCompanyStatuses: settings.hiddenCompanyStatuses ?? [],
    hiddenCompanyTypes: settings.hiddenCompanyTypes ?? [],
    publicKey: settings.publicKey,
    site: settings.site,
  };
}
