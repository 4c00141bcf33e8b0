import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { JobName, PaymentJobData, QueueName } from '../../queues/queues';
import { PaymentMethodsService } from '../payment-methods/payment-methods.service';
import { SettingsService } from '../settings/settings.service';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { RefundsService } from './refunds.service';

/**
 * The payments queue's workers. Handlers are registered here rather than with @Process so that
 * the gateway concurrency comes from configuration.
 */
@Injectable()
export class PaymentsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(PaymentsProcessor.name);

  constructor(
    @InjectQueue(QueueName.payments) private readonly queue: Queue,
    private readonly runner: PaymentRunnerService,
    private readonly scheduler: PaymentSchedulerService,
    private readonly refunds: RefundsService,
    private readonly methods: PaymentMethodsService,
    private readonly idempotency: IdempotencyService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const concurrency = this.config.env.PAYMENTS_GATEWAY_CONCURRENCY;
    void this.queue.process(JobName.runScheduledPayment, concurrency, (job: Job<PaymentJobData>) =>
      this.runner.runScheduled(job.data.paymentId),
    );
    void this.queue.process(
      JobName.reconcilePayment,
      Math.max(1, concurrency / 4),
      (job: Job<PaymentJobData>) => this.reconcile(job),
    );
    void this.queue.process(JobName.checkSettlements, 1, () => this.checkSettlements());
    void this.queue.process(JobName.sweepPayments, 1, async () => ({
      ...(await this.scheduler.sweep()),
      refunds: await this.refunds.retryPending(),
    }));
    void this.queue.process(JobName.paymentsMaintenance, 1, () => this.maintenance());
    await this.scheduler
      .registerRecurring()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'Could not register recurring payment jobs'),
      );
  }

  private async reconcile(job: Job<PaymentJobData>) {
    await this.runner.charge(job.data.paymentId);
    const [attempt]: { state: string }[] = await this.dataSource.query(
      'SELECT state FROM payment_attempts WHERE payment_id = $1 ORDER BY attempt_number DESC LIMIT 1',
      [job.data.paymentId],
    );
    // Still unknown: throw so that Bull retries with backoff; the hourly sweep takes over after.
    if (attempt?.state === 'unknown') throw new Error('Gateway outcome still unknown');
    return attempt;
  }

  private async checkSettlements() {
    const waiting: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM payments WHERE status = 'processing' AND gateway_payment_ref IS NOT NULL`,
    );
    const results: Record<string, number> = {};
    for (const { id } of waiting) {
      try {
        const status = await this.runner.checkSettlement(id);
        results[status] = (results[status] ?? 0) + 1;
      } catch (error) {
        this.logger.warn(
          { err: error, paymentId: id },
          'Settlement check failed; next run retries',
        );
      }
    }
    return results;
  }

  private async maintenance() {
    const { today } = await this.settings.mspCalendar();
    return {
      expiredMethods: await this.methods.markExpired(today),
      idempotencyKeysPurged: await this.idempotency.purgeOlderThan(),
    };
  }
}
