import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { startOfDayIn } from '@settle/domain';
import { JobOptions, Queue } from 'bull';
import { DataSource } from 'typeorm';

import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../common/with-timeout';
import { JOB_OPTIONS, JobName, PaymentJobData, QueueName } from '../../queues/queues';
import { SettingsService } from '../settings';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentsRepository } from './payments.repository';

const RECONCILE_DELAY_MS = 5_000;
/** The sweep asks Redis about this many future payments' jobs at once, not one round trip each. */
const JOB_LOOKUP_BATCH = 200;
/** A pending attempt older than this was never answered: its process died mid-call. */
const STALE_ATTEMPT_MINUTES = 2;

/**
 * Puts payment work on the `payments` queue. The database stays the source of truth: a job
 * only says "look at this payment now", and the sweep re-creates any job Redis lost.
 */
@Injectable()
export class PaymentSchedulerService {
  private readonly logger = new Logger(PaymentSchedulerService.name);

  constructor(
    @InjectQueue(QueueName.payments) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly attempts: PaymentAttemptsRepository,
    private readonly settings: SettingsService,
  ) {}

  /** A delayed job for the start of `date` in the MSP's time zone (at once when due). */
  async enqueueRun(paymentId: string, date: string): Promise<void> {
    const { timeZone } = await this.settings.mspCalendar();
    const delay = Math.max(0, startOfDayIn(date, timeZone) - Date.now());
    await this.add(JobName.runScheduledPayment, { paymentId }, runJobId(paymentId, date), {
      ...JOB_OPTIONS[JobName.runScheduledPayment],
      delay,
    });
  }

  /** Removes the job queued for the payment's date (cancelled or moved to another date). */
  async removeRun(paymentId: string, date: string): Promise<void> {
    try {
      const job = await withTimeout(
        this.queue.getJob(runJobId(paymentId, date)),
        ENQUEUE_TIMEOUT_MS,
      );
      await job?.remove();
    } catch (error) {
      // A leftover job is harmless: it finds the payment no longer scheduled for that day.
      this.logger.warn({ err: error, paymentId }, 'Could not remove a scheduled payment job');
    }
  }

  async enqueueReconcile(paymentId: string): Promise<void> {
    await this.add(JobName.reconcilePayment, { paymentId }, `reconcile-${paymentId}`, {
      ...JOB_OPTIONS[JobName.reconcilePayment],
      delay: RECONCILE_DELAY_MS,
    });
  }

  /**
   * Re-creates work a lost job would have done: due scheduled payments, the delayed job of every
   * future one, and attempts whose outcome is unknown or was never recorded. Running a payment
   * twice is harmless: the runner only acts on a payment still in the state it expects.
   */
  async sweep(): Promise<{ due: number; unknown: number; requeued: number }> {
    const { today } = await this.settings.mspCalendar();
    const manager = this.dataSource.manager;
    const due = await this.payments.dueScheduled(manager, today);
    for (const payment of due) {
      const jobId = runJobId(payment.id, payment.scheduledFor);
      await this.replaceFinished(jobId);
      await this.add(
        JobName.runScheduledPayment,
        { paymentId: payment.id },
        jobId,
        JOB_OPTIONS[JobName.runScheduledPayment],
      );
    }
    let requeued = 0;
    const future = await this.payments.futureScheduled(manager, today);
    for (let start = 0; start < future.length; start += JOB_LOOKUP_BATCH) {
      const batch = future.slice(start, start + JOB_LOOKUP_BATCH);
      const jobs = await Promise.all(
        batch.map((p) => this.queue.getJob(runJobId(p.id, p.scheduledFor))),
      );
      for (const [index, payment] of batch.entries()) {
        if (jobs[index]) continue;
        await this.enqueueRun(payment.id, payment.scheduledFor);
        requeued += 1;
      }
    }
    const unknown = await this.attempts.unanswered(manager, STALE_ATTEMPT_MINUTES);
    for (const paymentId of unknown) {
      await this.replaceFinished(`reconcile-${paymentId}`);
      await this.enqueueReconcile(paymentId);
    }
    if (due.length || unknown.length || requeued)
      this.logger.log(
        { due: due.length, requeued, unknown: unknown.length },
        'Payment sweep queued work',
      );
    return { due: due.length, requeued, unknown: unknown.length };
  }

  /** The recurring jobs; Bull keeps one of each however many workers start. */
  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.sweepPayments,
      {},
      { ...JOB_OPTIONS[JobName.sweepPayments], repeat: { cron: '7 * * * *' } },
    );
    await this.queue.add(
      JobName.checkSettlements,
      {},
      { ...JOB_OPTIONS[JobName.checkSettlements], repeat: { every: 10 * 60_000 } },
    );
    await this.queue.add(
      JobName.paymentsMaintenance,
      {},
      { ...JOB_OPTIONS[JobName.paymentsMaintenance], repeat: { cron: '15 3 * * *' } },
    );
    await this.queue.add(JobName.sweepPayments, {}, JOB_OPTIONS[JobName.sweepPayments]);
  }

  /** A job id that finished (or failed for good) would swallow a new add; clear it first. */
  private async replaceFinished(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (!job) return;
    if ((await job.isCompleted()) || (await job.isFailed())) await job.remove();
  }

  /**
   * Enqueue failures are logged, not thrown: the payment is already committed, and the sweep
   * will find it. Losing Redis must never lose or fail a payment.
   */
  private async add(
    name: string,
    data: PaymentJobData | object,
    jobId: string,
    options: JobOptions,
  ): Promise<void> {
    try {
      await withTimeout(this.queue.add(name, data, { ...options, jobId }), ENQUEUE_TIMEOUT_MS);
    } catch (error) {
      this.logger.error(
        { err: error, jobId },
        'Could not enqueue payment work; the sweep will pick it up',
      );
    }
  }
}

function runJobId(paymentId: string, date: string): string {
  return `run-${paymentId}-${date}`;
}
