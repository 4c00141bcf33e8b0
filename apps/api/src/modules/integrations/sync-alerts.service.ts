import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { IntegrationSyncAlertPayload, OutboxService } from '../outbox';
import { SyncAlertDto } from './dto/sync-alert.dto';
import { Integration } from './integration.entity';
import { IntegrationsRepository } from './integrations.repository';
import { SyncRunsRepository } from './sync-runs.repository';

/** An integration that has not synced for this long is "not running" (issue 14, alerts). */
export const SYNC_NOT_RUNNING_AFTER_MS = 48 * 60 * 60 * 1000;

/**
 * "Sync failed" and "sync not running for 48 hours": each is an episode on the integration's row
 * that starts once (the first failed run since the last success; the first clock tick 48 hours
 * after it) and ends with the next successful run. Starting one writes an outbox event in the
 * same transaction, from which the emails module writes one staff email per admin; so however
 * many runs fail or ticks pass, an episode is announced once.
 */
@Injectable()
export class SyncAlertsService {
  private readonly logger = new Logger(SyncAlertsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrations: IntegrationsRepository,
    private readonly runs: SyncRunsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** A run failed: starts the failing episode unless one is on. */
  async runFailed(integrationId: string, error: string, at = new Date()): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const integration = await this.integrations.find(manager, integrationId);
      if (!integration || !(await this.integrations.startFailing(manager, integrationId, at)))
        return;
      await this.announce(manager, 'integration.sync_failed', integration, {
        error: error.slice(0, 1000),
        everSynced: true,
        since: at.toISOString(),
      });
    });
  }

  /** A run succeeded: both episodes end. */
  async runSucceeded(integrationId: string): Promise<void> {
    await this.integrations.endAlerts(this.dataSource.manager, integrationId);
  }

  /**
   * The sync clock's check: an integration meant to sync (connected or needing attention, with a
   * schedule) whose last success, or creation, is 48 hours old starts its not-running episode.
   */
  async checkNotRunning(now = new Date()): Promise<number> {
    const manager = this.dataSource.manager;
    const watched = (await this.integrations.all(manager)).filter(
      (i) => i.status !== 'disconnected' && i.schedule !== 'off' && !i.syncStaleSince,
    );
    const lastSucceeded = await this.runs.lastSucceeded(
      manager,
      watched.map((i) => i.id),
    );
    let started = 0;
    for (const integration of watched) {
      const synced = lastSucceeded.get(integration.id);
      const since = synced ?? integration.createdAt;
      if (now.getTime() - since.getTime() < SYNC_NOT_RUNNING_AFTER_MS) continue;
      const announced = await this.dataSource.transaction(async (tx) => {
        if (!(await this.integrations.startStale(tx, integration.id, since))) return false;
        await this.announce(tx, 'integration.sync_not_running', integration, {
          error: null,
          everSynced: !!synced,
          since: since.toISOString(),
        });
        return true;
      });
      if (announced) started++;
    }
    return started;
  }

  /** The Overview's list: every episode that is on, failing ones first. */
  async list(): Promise<SyncAlertDto[]> {
    const manager = this.dataSource.manager;
    const integrations = (await this.integrations.all(manager)).filter(
      (i) => i.syncFailingSince || i.syncStaleSince,
    );
    if (integrations.length === 0) return [];
    const [latest, lastSucceeded] = await Promise.all([
      this.runs.latest(
        manager,
        integrations.map((i) => i.id),
      ),
      this.runs.lastSucceeded(
        manager,
        integrations.map((i) => i.id),
      ),
    ]);
    const alerts: SyncAlertDto[] = [];
    for (const i of integrations)
      if (i.syncFailingSince)
        alerts.push({
          error: latest.get(i.id)?.error ?? i.statusMessage,
          everSynced: lastSucceeded.has(i.id),
          integrationId: i.id,
          integrationName: i.name,
          kind: 'sync_failed',
          since: i.syncFailingSince.toISOString(),
        });
    for (const i of integrations)
      if (i.syncStaleSince)
        alerts.push({
          error: null,
          everSynced: lastSucceeded.has(i.id),
          integrationId: i.id,
          integrationName: i.name,
          kind: 'sync_not_running',
          since: i.syncStaleSince.toISOString(),
        });
    return alerts;
  }

  private async announce(
    manager: Parameters<OutboxService['add']>[0],
    type: 'integration.sync_failed' | 'integration.sync_not_running',
    integration: Integration,
    alert: Omit<IntegrationSyncAlertPayload, 'integrationId' | 'integrationName'>,
  ): Promise<void> {
    const payload: IntegrationSyncAlertPayload = {
      ...alert,
      integrationId: integration.id,
      integrationName: integration.name,
    };
    await this.outbox.add(
      manager,
      type,
      { id: integration.id, type: 'integration' },
      { ...payload },
    );
    this.logger.warn({ integrationId: integration.id, type }, 'Sync alert raised');
  }
}
