import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { SettingsService } from '../settings';
import { BalancesRepository } from './balances.repository';

const VERIFIED_FOR_MS = 60_000;

/**
 * Keeps organization_balances equal to what the open invoices say. Invoice writers refresh the
 * organizations they touch inside their transaction; past-due amounts move with the calendar, so
 * every process also checks once a minute (and readers of exact totals before they read) that
 * no row was computed on an earlier day.
 */
@Injectable()
export class BalancesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BalancesService.name);
  /**
   * The day this process last found every row current. Re-checked after a minute, so a row
   * written by a process whose clock was still on yesterday cannot stay stale for long.
   */
  private verified: { day: string; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly balances: BalancesRepository,
    private readonly settings: SettingsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.settings
        .mspCalendar()
        .then(({ today }) => this.ensureCurrent(today))
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Past-due refresh failed; the next minute retries'),
        );
    }, VERIFIED_FOR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refreshOrganizations(
    manager: EntityManager,
    organizationIds: string[],
    today: string,
  ): Promise<void> {
    if (organizationIds.length) await this.balances.refresh(manager, organizationIds, today);
  }

  /** Recomputes past-due amounts once per MSP day; a cheap no-op when already current. */
  async ensureCurrent(today: string): Promise<void> {
    if (this.verified?.day === today && Date.now() - this.verified.at < VERIFIED_FOR_MS) return;
    if (await this.balances.anyStale(this.dataSource.manager, today))
      await this.dataSource.transaction((manager) => this.balances.refreshPastDue(manager, today));
    this.verified = { at: Date.now(), day: today };
  }
}
