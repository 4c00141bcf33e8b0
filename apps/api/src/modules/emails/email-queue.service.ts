import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bull';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { EmailJobData, JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { EmailsRepository } from './emails.repository';

/** A queued email whose job Redis has not got after this long lost it. */
const LOST_AFTER_SECONDS = 60;
/** A claim is older than any send can take (the transport gives up within a few minutes). */
const STALE_CLAIM_MINUTES = 10;
const SWEEP_BATCH = 500;
const ENQUEUE_TIMEOUT_MS = 2_000;
export const DELIVERY_UNKNOWN =
  "delivery unknown: the process stopped while sending; check the recipient's inbox before resending";

/**
 * Puts email work on the `emails` queue. A job only says "send this email now"; the row decides
 * whether there is anything to send, and the sweep re-creates jobs Redis lost.
 */
@Injectable()
export class EmailQueue {
  private readonly logger = new Logger(EmailQueue.name);

  constructor(
    @InjectQueue(QueueName.emails) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * After the rows are committed. A failure is logged, not thrown: the email is written, and the
   * sweep sends it within a minute or two.
   */
  async enqueue(emailIds: string[]): Promise<void> {
    for (const emailId of emailIds) {
      try {
        await withTimeout(
          this.queue.add(JobName.sendEmail, { emailId } satisfies EmailJobData, {
            ...JOB_OPTIONS[JobName.sendEmail],
            backoff: { delay: this.config.env.EMAIL_RETRY_DELAY_MS, type: 'exponential' },
            jobId: emailId,
          }),
          ENQUEUE_TIMEOUT_MS,
        );
      } catch (error) {
        this.logger.error({ emailId, err: error }, 'Could not enqueue an email; the sweep will');
      }
    }
  }

  /**
   * Re-creates the send job of queued emails that have none, and ends claims whose process died
   * as failed: whether the server took those is unknown, so they are never sent twice by Settle.
   */
  async sweep(): Promise<{ requeued: number; abandoned: number }> {
    const manager = this.dataSource.manager;
    const abandoned = await this.dataSource.transaction(async (tx) => {
      const ids = await this.emails.failStaleClaims(tx, STALE_CLAIM_MINUTES, DELIVERY_UNKNOWN);
      await this.emails.insertEvents(
        tx,
        ids.map((emailId) => ({ detail: DELIVERY_UNKNOWN, emailId, type: 'failed' as const })),
      );
      return ids;
    });
    const queued = await this.emails.queuedBefore(manager, LOST_AFTER_SECONDS, SWEEP_BATCH);
    const jobs = await Promise.all(queued.map((id) => this.queue.getJob(id)));
    const lost: string[] = [];
    for (const [index, job] of jobs.entries()) {
      if (!job) lost.push(queued[index]);
      else if ((await job.isCompleted()) || (await job.isFailed())) {
        await job.remove();
        lost.push(queued[index]);
      }
    }
    await this.enqueue(lost);
    if (lost.length || abandoned.length)
      this.logger.warn(
        { abandoned: abandoned.length, requeued: lost.length },
        'Email sweep re-queued lost sends and ended stale claims',
      );
    return { abandoned: abandoned.length, requeued: lost.length };
  }

  /** The recurring jobs; Bull keeps one of each however many workers start. */
  async registerRecurring(): Promise<void> {
    await this.queue.add(
      JobName.dispatchOutbox,
      {},
      {
        ...JOB_OPTIONS[JobName.dispatchOutbox],
        repeat: { every: this.config.env.EMAIL_DISPATCH_INTERVAL_MS },
      },
    );
    await this.queue.add(
      JobName.sweepEmails,
      {},
      { ...JOB_OPTIONS[JobName.sweepEmails], repeat: { every: 60_000 } },
    );
    await this.queue.add(JobName.sweepEmails, {}, JOB_OPTIONS[JobName.sweepEmails]);
  }
}

/** ioredis queues commands while disconnected; a request must not wait for Redis to return. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
