import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxRepository, PublishableEvent } from './outbox.repository';

export type PaymentDomainEvent =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.scheduled'
  | 'payment.rescheduled'
  | 'payment.cancelled'
  | 'payment.adjusted'
  | 'payment.pending_approval'
  | 'payment.rejected'
  | 'payment.returned'
  | 'payment.refunded'
  | 'payment.accounting_sync_failed';

/**
 * Events for staff emails: an AutoPay run that ended, a request for portal access, a webhook
 * endpoint Settle disabled, an integration whose syncs fail or have not run for 48 hours.
 */
export type StaffDomainEvent =
  | 'autopay.run_finished'
  | 'portal.access_requested'
  | 'webhook_endpoint.disabled'
  | 'integration.sync_failed'
  | 'integration.sync_not_running'
  | 'accounting_sync.failing';

/** Events only integrators' webhooks receive: a sync run that failed, with the run as its payload. */
export type SyncDomainEvent = 'sync_run.failed';

/** The payload of `integration.sync_failed` and `integration.sync_not_running`. */
export interface IntegrationSyncAlertPayload {
  integrationId: string;
  integrationName: string;
  /** Failed: when the runs started failing. Not running: the last successful run (or creation). */
  since: string;
  /** Failed: the failed run's error; not running: null. */
  error: string | null;
  /** Not running: false when it never synced at all. */
  everSynced: boolean;
}

/** The payload of `accounting_sync.failing`: 10% or more of recent pushed payments fail. */
export interface AccountingSyncFailingPayload {
  /** When the episode started. */
  since: string;
  /** Of the payments accounting was asked to take in the last 30 days, how many fail now. */
  failing: number;
  pushed: number;
}

/** The payload of `webhook_endpoint.disabled`. */
export interface WebhookEndpointDisabledPayload {
  endpointId: string;
  url: string;
  failingSince: string;
  lastError: string;
}

/** The payload of `autopay.run_finished`: what the staff summary email says. */
export interface AutopayRunFinishedPayload {
  runId: string;
  runDate: string;
  counts: {
    evaluated: number;
    charged: number;
    failed: number;
    pendingApproval: number;
    skipped: number;
  };
  problems: string[];
}

/** The payload of `portal.access_requested`: who asked, as they typed it. */
export interface AccessRequestedPayload {
  name: string;
  email: string;
  company: string;
  message: string | null;
  requestedAt: string;
}

@Injectable()
export class OutboxService {
  constructor(private readonly events: OutboxRepository) {}

  /** Always inside the transaction of the change the event announces. */
  async add(
    manager: EntityManager,
    type: PaymentDomainEvent | StaffDomainEvent | SyncDomainEvent,
    aggregate: { type: string; id: string },
    payload: Record<string, unknown>,
  ): Promise<void> {
    await this.events.insert(manager, {
      aggregateId: aggregate.id,
      aggregateType: aggregate.type,
      payload,
      type,
    });
  }

  /**
   * Takes up to `limit` unpublished events for the caller's transaction (oldest first), skipping
   * those another consumer holds; the caller marks them published in the same transaction.
   */
  claimUnpublished(manager: EntityManager, limit: number): Promise<PublishableEvent[]> {
    return this.events.claimUnpublished(manager, limit);
  }

  /** Runs `work` in a savepoint: when it throws, its writes are undone and the transaction goes on. */
  isolated(manager: EntityManager, work: () => Promise<void>): Promise<void> {
    return this.events.isolated(manager, work);
  }

  markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    return this.events.markPublished(manager, ids);
  }
}
