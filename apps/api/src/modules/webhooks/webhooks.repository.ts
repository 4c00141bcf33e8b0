import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** A delivery taken by a sender, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
  retryingSince: Date;
  url: string;
  /** Sealed. */
  secret: string;
}

/** The webhook_endpoints, webhook_deliveries and webhook_attempts tables. */
@Injectable()
export class WebhooksRepository {
  endpoints(manager: EntityManager): Promise<WebhookEndpoint[]> {
    return manager.getRepository(WebhookEndpoint).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  enabledEndpoints(manager: EntityManager): Promise<WebhookEndpoint[]> {
    return manager.getRepository(WebhookEndpoint).findBy({ enabled: true });
  }

  findEndpoint(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<WebhookEndpoint | null> {
    return manager
      .getRepository(WebhookEndpoint)
      .findOne({ lock: options.lock ? { mode: 'pessimistic_write' } : undefined, where: { id } });
  }

  saveEndpoint(
    manager: EntityManager,
    endpoint: Partial<WebhookEndpoint>,
  ): Promise<WebhookEndpoint> {
    const repository = manager.getRepository(WebhookEndpoint);
    return repository.save(repository.create(endpoint));
  }

  async deleteEndpoint(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(WebhookEndpoint).delete(id);
  }

  /** One row per (endpoint, event): an event handled twice adds nothing. */
  async insertDeliveries(
    manager: EntityManager,
    rows: { endpointId: string; eventId: string; eventType: string; body: string }[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries
              (endpoint_id, event_id, event_type, body, status, next_attempt_at, retrying_since)
       SELECT r.endpoint_id, r.event_id, r.event_type, r.body, 'pending', now(), now()
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[])
              AS r(endpoint_id, event_id, event_type, body)
       ON CONFLICT (endpoint_id, event_id) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.endpointId),
        rows.map((r) => r.eventId),
        rows.map((r) => r.eventType),
        rows.map((r) => r.body),
      ],
    );
    return inserted.map((r) => r.id);
  }

  /**
   * Takes up to `limit` due deliveries of enabled endpoints for `leaseMs`: pending ones whose
   * time has come, and delivering ones whose sender's lease ran out (it died mid-request).
   */
  async claimDue(
    manager: EntityManager,
    limit: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    const [rows]: [
      {
        id: string;
        endpoint_id: string;
        event_id: string;
        event_type: string;
        body: string;
        attempts: number;
        retrying_since: Date;
        url: string;
        secret: string;
      }[],
      number,
    ] = await manager.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.enabled
          WHERE d.status IN ('pending', 'delivering') AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d
          SET status = 'delivering', next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM due, webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING d.id, d.endpoint_id, d.event_id::text AS event_id, d.event_type, d.body,
                 d.attempts, d.retrying_since, e.url, e.secret`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({
      attempts: r.attempts,
      body: r.body,
      endpointId: r.endpoint_id,
      eventId: r.event_id,
      eventType: r.event_type,
      id: r.id,
      retryingSince: r.retrying_since,
      secret: r.secret,
      url: r.url,
    }));
  }

  async addAttempt(manager: EntityManager, attempt: Omit<WebhookAttempt, 'id'>): Promise<void> {
    await manager.getRepository(WebhookAttempt).insert(attempt);
  }

  async updateDelivery(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        WebhookDelivery,
        | 'attempts'
        | 'deliveredAt'
        | 'lastAttemptAt'
        | 'lastError'
        | 'lastResponseStatus'
        | 'nextAttemptAt'
        | 'retryingSince'
        | 'status'
      >
    >,
  ): Promise<void> {
    await manager.getRepository(WebhookDelivery).update(id, changes);
  }

  /** The endpoint answered 2xx: it is healthy again. */
  async endpointSucceeded(manager: EntityManager, endpointId: string): Promise<void> {
    await manager.query(
      `UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
      [endpointId],
    );
  }

  /** The endpoint failed: when it began failing (kept from the first failure since a success). */
  async endpointFailed(
    manager: EntityManager,
    endpointId: string,
  ): Promise<WebhookEndpoint | null> {
    await manager.query(
      `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE id = $1`,
      [endpointId],
    );
    return this.findEndpoint(manager, endpointId, { lock: true });
  }

  async deliveries(
    manager: EntityManager,
    endpointId: string,
    query: { status?: WebhookDeliveryStatus; offset: number; limit: number },
  ): Promise<{ deliveries: WebhookDelivery[]; total: number }> {
    const where = { endpointId, ...(query.status ? { status: query.status } : {}) };
    const [deliveries, total] = await manager.getRepository(WebhookDelivery).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.offset,
      take: query.limit,
      where,
    });
    return { deliveries, total };
  }

  findDelivery(
    manager: EntityManager,
    endpointId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<WebhookDelivery | null> {
    return manager.getRepository(WebhookDelivery).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { endpointId, id },
    });
  }

  attempts(manager: EntityManager, deliveryId: string): Promise<WebhookAttempt[]> {
    return manager
      .getRepository(WebhookAttempt)
      .find({ order: { id: 'DESC' }, take: 50, where: { deliveryId } });
  }

  /** Counts for the endpoints list: deliveries waiting and failed for good, per endpoint. */
  async deliveryCounts(
    manager: EntityManager,
  ): Promise<Map<string, { waiting: number; failed: number }>> {
    const rows: { endpoint_id: string; waiting: number; failed: number }[] = await manager.query(
      `SELECT endpoint_id,
              count(*) FILTER (WHERE status IN ('pending', 'delivering'))::int AS waiting,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM webhook_deliveries GROUP BY endpoint_id`,
    );
    return new Map(rows.map((r) => [r.endpoint_id, { failed: r.failed, waiting: r.waiting }]));
  }
}
