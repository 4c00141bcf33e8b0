import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { isPublicAddress } from '../../common/public-fetch';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import {
  CreatedWebhookEndpointResponseDto,
  CreateWebhookEndpointDto,
  ListWebhookDeliveriesQueryDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDetailDto,
  WebhookDeliveryResponseDto,
  WebhookEndpointResponseDto,
  WebhookSecretResponseDto,
} from './dto/webhook-endpoint.dto';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEventType } from './webhook-events';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Outbound webhook endpoints (admin only): where events go, their signing secrets, and the
 * delivery log with redelivery. Every change is audited.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly sender: WebhookSender,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  async list(): Promise<WebhookEndpointResponseDto[]> {
    const manager = this.dataSource.manager;
    const [endpoints, counts] = await Promise.all([
      this.webhooks.endpoints(manager),
      this.webhooks.deliveryCounts(manager),
    ]);
    return endpoints.map((e) => toResponse(e, counts.get(e.id)));
  }

  async get(id: string): Promise<WebhookEndpointResponseDto> {
    const manager = this.dataSource.manager;
    const endpoint = await this.find(id);
    return toResponse(endpoint, (await this.webhooks.deliveryCounts(manager)).get(id));
  }

  async create(
    actor: AuthContext,
    dto: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointResponseDto> {
    await this.checkReachable(dto.url);
    const secret = newSecret();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const saved = await this.webhooks.saveEndpoint(manager, {
        createdBy: actor.label,
        description: dto.description ?? '',
        enabled: true,
        events: unique(dto.events),
        secret: this.box.seal(secret),
        url: dto.url,
      });
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.created',
        after: auditView(saved),
        entityId: saved.id,
        entityLabel: saved.url,
        entityType: 'webhook_endpoint',
      });
      return saved;
    });
    return { ...toResponse(endpoint, undefined), secret };
  }

  async update(
    actor: AuthContext,
    id: string,
    dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponseDto> {
    if (dto.url !== undefined) await this.checkReachable(dto.url);
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findLocked(manager, id);
      const before = auditView(endpoint);
      if (dto.url !== undefined) endpoint.url = dto.url;
      if (dto.events !== undefined) endpoint.events = unique(dto.events);
      if (dto.description !== undefined) endpoint.description = dto.description;
      if (dto.enabled !== undefined && dto.enabled !== endpoint.enabled) {
        endpoint.enabled = dto.enabled;
        // resumed by hand: a fresh start, not three days of old failures
        if (dto.enabled)
          Object.assign(endpoint, { disabledAt: null, disabledReason: null, failingSince: null });
      }
      const saved = await this.webhooks.saveEndpoint(manager, endpoint);
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.updated',
        after: auditView(saved),
        before,
        entityId: id,
        entityLabel: saved.url,
        entityType: 'webhook_endpoint',
      });
    });
    return this.get(id);
  }

  async remove(actor: AuthContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findLocked(manager, id);
      await this.webhooks.deleteEndpoint(manager, id);
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.deleted',
        before: auditView(endpoint),
        entityId: id,
        entityLabel: endpoint.url,
        entityType: 'webhook_endpoint',
      });
    });
  }

  /** A new signing secret; the old one stops working at once. */
  async rotateSecret(actor: AuthContext, id: string): Promise<WebhookSecretResponseDto> {
    const secret = newSecret();
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findLocked(manager, id);
      endpoint.secret = this.box.seal(secret);
      await this.webhooks.saveEndpoint(manager, endpoint);
      await this.audit.record(manager, actor, {
        action: 'webhook_endpoint.secret_rotated',
        entityId: id,
        entityLabel: endpoint.url,
        entityType: 'webhook_endpoint',
      });
    });
    return { secret };
  }

  async deliveries(
    id: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    await this.find(id);
    const { deliveries, total } = await this.webhooks.deliveries(this.dataSource.manager, id, {
      limit: query.pageSize,
      offset: pageOffset(query),
      status: query.status,
    });
    return toPage(deliveries.map(toDeliveryResponse), total, query);
  }

  async delivery(id: string, deliveryId: string): Promise<WebhookDeliveryDetailDto> {
    const manager = this.dataSource.manager;
    const delivery = await this.webhooks.findDelivery(manager, id, deliveryId);
    if (!delivery) throw AppException.notFound('Webhook delivery');
    const attempts = await this.webhooks.attempts(manager, deliveryId);
    return {
      ...toDeliveryResponse(delivery),
      attemptLog: attempts.map((a) => ({
        attemptedAt: a.attemptedAt.toISOString(),
        durationMs: a.durationMs,
        error: a.error,
        requestHeaders: a.requestHeaders,
        responseBody: a.responseBody,
        responseStatus: a.responseStatus,
      })),
      requestBody: delivery.body,
    };
  }

  /**
   * Sends the delivery again now, whatever became of it, with a fresh retry window; the payload
   * (and its event id, by which receivers drop duplicates) is the same.
   */
  async redeliver(
    actor: AuthContext,
    id: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const endpoint = await this.findLocked(manager, id);
      const delivery = await this.webhooks.findDelivery(manager, id, deliveryId, { lock: true });
      if (!delivery) throw AppException.notFound('Webhook delivery');
      if (!endpoint.enabled)
        throw AppException.conflict('The endpoint is disabled: enable it first, then redeliver', [
          { field: 'enabled', message: 'must be true to redeliver' },
        ]);
      const now = new Date();
      await this.webhooks.updateDelivery(manager, deliveryId, {
        nextAttemptAt: now,
        retryingSince: now,
        status: 'pending',
      });
      await this.audit.record(manager, actor, {
        action: 'webhook_delivery.redelivered',
        after: { eventId: `evt_${delivery.eventId}`, eventType: delivery.eventType },
        entityId: id,
        entityLabel: endpoint.url,
        entityType: 'webhook_endpoint',
      });
    });
    await this.sender.wake();
    const delivery = await this.webhooks.findDelivery(this.dataSource.manager, id, deliveryId);
    return toDeliveryResponse(delivery!);
  }

  private async find(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.webhooks.findEndpoint(this.dataSource.manager, id);
    if (!endpoint) throw AppException.notFound('Webhook endpoint');
    return endpoint;
  }

  private async findLocked(manager: EntityManager, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.webhooks.findEndpoint(manager, id, { lock: true });
    if (!endpoint) throw AppException.notFound('Webhook endpoint');
    return endpoint;
  }

  /**
   * Refuses a URL that names, or resolves to, a private or loopback address (SSRF), unless the
   * deployment allows it. A name that does not resolve now is accepted (the receiver may not be
   * up yet); every delivery checks the addresses again as it connects.
   */
  private async checkReachable(url: string): Promise<void> {
    if (this.config.env.SETTLE_WEBHOOKS_ALLOW_PRIVATE) return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host)
      ? [host]
      : await lookup(host, { all: true }).then(
          (found) => found.map((a) => a.address),
          () => [],
        );
    if (addresses.some((address) => !isPublicAddress(address)))
      throw AppException.invalidField(
        'url',
        'must not point at a private or loopback address (set SETTLE_WEBHOOKS_ALLOW_PRIVATE=true to allow it)',
      );
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function unique(events: WebhookEventType[]): WebhookEventType[] {
  return [...new Set(events)];
}

function auditView(e: WebhookEndpoint) {
  return { description: e.description, enabled: e.enabled, events: e.events, url: e.url };
}

function toResponse(
  e: WebhookEndpoint,
  counts: { waiting: number; failed: number } | undefined,
): WebhookEndpointResponseDto {
  return {
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy,
    description: e.description,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    enabled: e.enabled,
    events: e.events as WebhookEventType[],
    failedDeliveries: counts?.failed ?? 0,
    failingSince: e.failingSince?.toISOString() ?? null,
    id: e.id,
    updatedAt: e.updatedAt.toISOString(),
    url: e.url,
    waitingDeliveries: counts?.waiting ?? 0,
  };
}

function toDeliveryResponse(d: WebhookDelivery): WebhookDeliveryResponseDto {
  return {
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    endpointId: d.endpointId,
    eventId: `evt_${d.eventId}`,
    eventType: d.eventType as WebhookEventType,
    id: d.id,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastError: d.lastError,
    lastResponseStatus: d.lastResponseStatus,
    nextAttemptAt:
      d.status === 'pending' || d.status === 'delivering'
        ? (d.nextAttemptAt?.toISOString() ?? null)
        : null,
    status: d.status,
  };
}
