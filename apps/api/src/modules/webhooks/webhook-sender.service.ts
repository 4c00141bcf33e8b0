import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { nextWebhookAttempt, shouldDisableWebhookEndpoint } from '@settle/domain';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';

import { SYSTEM_ACTOR } from '../../common/auth-context';
import { postPublic, PublicFetchError } from '../../common/public-fetch';
import { SecretBox } from '../../common/secret-box';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { AppConfig } from '../../config/app-config';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { AuditService } from '../audit';
import { OutboxService } from '../outbox';
import { webhookSignature } from './webhook-signature';
import { ClaimedDelivery, WebhooksRepository } from './webhooks.repository';

/** Deliveries sent at once; each has its own lease, so a slow endpoint holds up only its own. */
const BATCH = 8;
/** A sweep stops taking new batches after this long and leaves the rest to the next one. */
const SWEEP_BUDGET_MS = 50_000;
const RESPONSE_BODY_CHARS = 2_000;

/**
 * Sends webhook deliveries: each is POSTed with a fresh signature, its attempt logged with the
 * answer, and then marked delivered, scheduled for a retry (libs/domain's schedule, for three
 * days), or failed for good. At least once: a sender that dies mid-request leaves its lease to
 * run out and the delivery is sent again, with the same event id for the receiver to drop.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.emails) private readonly queue: Queue,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  /** Asks a worker to send what is due now; if Redis is away, the recurring sweep will. */
  async wake(): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(JobName.deliverWebhooks, {}, JOB_OPTIONS[JobName.deliverWebhooks]),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not queue webhook deliveries; the sweep will');
    }
  }

  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.deliverWebhooks,
      {},
      {
        ...JOB_OPTIONS[JobName.deliverWebhooks],
        repeat: { every: this.config.env.WEBHOOK_SWEEP_INTERVAL_MS },
      },
    );
  }

  /** The job: every due delivery, batch by batch, within the sweep's budget. */
  async deliverDue(): Promise<{ sent: number }> {
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < SWEEP_BUDGET_MS) {
      const claimed = await this.webhooks.claimDue(this.dataSource.manager, BATCH, this.leaseMs());
      await Promise.all(claimed.map((delivery) => this.send(delivery)));
      sent += claimed.length;
      if (claimed.length < BATCH) break;
    }
    return { sent };
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const attemptedAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'settle-delivery-id': delivery.id,
      'settle-event-id': `evt_${delivery.eventId}`,
      'settle-event-type': delivery.eventType,
      'settle-signature': webhookSignature(
        this.box.open(delivery.secret),
        delivery.body,
        attemptedAt,
      ),
      'user-agent': 'Settle-Webhooks/1',
    };
    let status: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const response = await postPublic(
        delivery.url,
        { body: delivery.body, headers },
        {
          allowPrivate: this.config.env.SETTLE_WEBHOOKS_ALLOW_PRIVATE,
          maxBytes: RESPONSE_BODY_CHARS,
          timeoutMs: this.config.env.WEBHOOK_TIMEOUT_MS,
        },
      );
      status = response.status;
      responseBody = response.body.slice(0, RESPONSE_BODY_CHARS);
    } catch (failure) {
      error =
        failure instanceof PublicFetchError
          ? failure.message
          : `the endpoint could not be reached (${String(failure)})`.slice(0, 500);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const finishedAt = new Date();
    await this.dataSource.transaction(async (manager) => {
      await this.webhooks.addAttempt(manager, {
        attemptedAt,
        deliveryId: delivery.id,
        durationMs: finishedAt.getTime() - attemptedAt.getTime(),
        error,
        requestHeaders: headers,
        responseBody,
        responseStatus: status,
      });
      const attempts = delivery.attempts + 1;
      const lastError = ok ? null : (error ?? `the endpoint answered ${status}`);
      if (ok) {
        await this.webhooks.updateDelivery(manager, delivery.id, {
          attempts,
          deliveredAt: finishedAt,
          lastAttemptAt: attemptedAt,
          lastError,
          lastResponseStatus: status,
          nextAttemptAt: null,
          status: 'succeeded',
        });
        await this.webhooks.endpointSucceeded(manager, delivery.endpointId);
        return;
      }
      const next = nextWebhookAttempt(
        attempts,
        delivery.retryingSince,
        finishedAt,
        this.config.env.WEBHOOK_RETRY_BASE_MS,
      );
      await this.webhooks.updateDelivery(manager, delivery.id, {
        attempts,
        lastAttemptAt: attemptedAt,
        lastError,
        lastResponseStatus: status,
        nextAttemptAt: next,
        status: next ? 'pending' : 'failed',
      });
      const endpoint = await this.webhooks.endpointFailed(manager, delivery.endpointId);
      if (
        endpoint?.enabled &&
        shouldDisableWebhookEndpoint(
          endpoint.failingSince,
          finishedAt,
          this.config.env.WEBHOOK_RETRY_BASE_MS,
        )
      ) {
        const reason = `No delivery succeeded since ${endpoint.failingSince!.toISOString()}; the last attempt: ${lastError}`;
        await this.webhooks.saveEndpoint(manager, {
          ...endpoint,
          disabledAt: finishedAt,
          disabledReason: reason.slice(0, 300),
          enabled: false,
        });
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'webhook_endpoint.disabled',
          after: { disabledReason: reason.slice(0, 300), enabled: false },
          before: { enabled: true },
          entityId: endpoint.id,
          entityLabel: endpoint.url,
          entityType: 'webhook_endpoint',
        });
        await this.outbox.add(
          manager,
          'webhook_endpoint.disabled',
          { id: endpoint.id, type: 'webhook_endpoint' },
          {
            endpointId: endpoint.id,
            failingSince: endpoint.failingSince!.toISOString(),
            lastError,
            url: endpoint.url,
          },
        );
        this.logger.warn(
          { endpointId: endpoint.id, url: endpoint.url },
          'Webhook endpoint disabled',
        );
      }
    });
  }

  /** Long enough for the request and its bookkeeping; a sender gone longer than this died. */
  private leaseMs(): number {
    return 2 * this.config.env.WEBHOOK_TIMEOUT_MS + 5_000;
  }
}
