import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { ProcessLeaseService } from '../../common/process-lease/process-lease.service';
import { AppConfig } from '../../config/app-config';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentRunnerService } from './payment-runner.service';
import { RefundsRepository } from './refunds.repository';
import { RefundsService } from './refunds.service';

/** How often worker processes look for work whose process is gone. */
const RECOVERY_INTERVAL_MS = 5_000;
const ADOPT_PER_ROUND = 100;

/**
 * Finishes what a crashed process left half done. Every gateway call is stamped with the lease
 * of the process that makes it; when that lease ends (the process is gone), a worker process
 * adopts the attempt or refund and asks the gateway again at once with the same idempotency key,
 * which finds the charge if it was made and makes it otherwise. Runs at start-up and every few
 * seconds, without Redis: recovery must not depend on a queue that may itself have been lost.
 */
@Injectable()
export class OrphanRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanRecoveryService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attempts: PaymentAttemptsRepository,
    private readonly refundRows: RefundsRepository,
    private readonly runner: PaymentRunnerService,
    private readonly refunds: RefundsService,
    private readonly lease: ProcessLeaseService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsProcessors) return;
    void this.recoverInBackground();
    this.timer = setInterval(() => void this.recoverInBackground(), RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: adopts every orphaned attempt and refund and asks the gateway about each. */
  async recover(): Promise<{ payments: number; refunds: number }> {
    const recovered = { payments: 0, refunds: 0 };
    const manager = this.dataSource.manager;
    for (;;) {
      const paymentIds = await this.attempts.adoptOrphaned(
        manager,
        this.lease.processId,
        ADOPT_PER_ROUND,
      );
      // The gateway registry bounds how many of these calls are in flight at once.
      await Promise.all(
        paymentIds.map((id) =>
          this.runner
            .charge(id, undefined, { askingAgain: true })
            .catch((error: unknown) => this.failed(error, { paymentId: id })),
        ),
      );
      const refundRows = await this.refundRows.adoptOrphaned(
        manager,
        this.lease.processId,
        ADOPT_PER_ROUND,
      );
      await Promise.all(
        refundRows.map((row) =>
          this.refunds
            .send(row.id, row.gateway, row.gatewayPaymentRef)
            .catch((error: unknown) => this.failed(error, { refundId: row.id })),
        ),
      );
      recovered.payments += paymentIds.length;
      recovered.refunds += refundRows.length;
      if (paymentIds.length < ADOPT_PER_ROUND && refundRows.length < ADOPT_PER_ROUND) break;
    }
    if (recovered.payments || recovered.refunds)
      this.logger.warn(recovered, 'Finished gateway calls left by processes that are gone');
    return recovered;
  }

  private recoverInBackground(): Promise<unknown> {
    this.running ??= this.recover()
      .catch((error: unknown) => this.failed(error, {}))
      .finally(() => (this.running = null));
    return this.running;
  }

  private failed(error: unknown, context: Record<string, string>): void {
    // The adopted row keeps this process's stamp: the hourly sweep and the next owner retry it.
    this.logger.error({ ...context, err: error }, 'Could not recover orphaned gateway work');
  }
}
