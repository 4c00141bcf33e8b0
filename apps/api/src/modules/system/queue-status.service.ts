import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bull';

import { AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { DiagnosticJobData, JOB_OPTIONS, JobName, QueueName } from '../../queues/queues';
import { QueueJobDto, QueueSummaryDto, RunDiagnosticDto } from './dto/queue.dto';

/** What staff can see of the queues without opening the queue board. */
@Injectable()
export class QueueStatusService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.sync) sync: Queue,
    @InjectQueue(QueueName.payments) payments: Queue,
    @InjectQueue(QueueName.emails) emails: Queue,
  ) {
    this.queues = { emails, payments, sync };
  }

  all(): Queue[] {
    return Object.values(this.queues);
  }

  async summaries(): Promise<QueueSummaryDto[]> {
    return Promise.all(
      Object.entries(this.queues).map(async ([name, queue]) => {
        const [counts, paused] = await Promise.all([queue.getJobCounts(), queue.isPaused()]);
        return { ...counts, name: name as QueueName, paused };
      }),
    );
  }

  async failedJobs(name: QueueName): Promise<QueueJobDto[]> {
    const jobs = await this.queue(name).getFailed(0, 49);
    return Promise.all(jobs.map(toQueueJob));
  }

  async job(name: QueueName, id: string): Promise<QueueJobDto> {
    const job = await this.queue(name).getJob(id);
    if (!job) throw AppException.notFound('Job');
    return toQueueJob(job);
  }

  async runDiagnostic(
    auth: AuthContext,
    name: QueueName,
    dto: RunDiagnosticDto,
  ): Promise<QueueJobDto> {
    const data: DiagnosticJobData = { fail: dto.fail ?? false, requestedBy: auth.label };
    const job = await this.queue(name).add(
      JobName.diagnostic,
      data,
      JOB_OPTIONS[JobName.diagnostic],
    );
    return toQueueJob(job);
  }

  private queue(name: QueueName): Queue {
    return this.queues[name];
  }
}

async function toQueueJob(job: Job): Promise<QueueJobDto> {
  return {
    attempts: job.opts.attempts ?? 1,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
    data: job.data as Record<string, unknown>,
    failedReason: job.failedReason ?? null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    id: String(job.id),
    name: job.name,
    state: await job.getState(),
  };
}
