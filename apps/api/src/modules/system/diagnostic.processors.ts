import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bull';

import {
  DiagnosticJobData,
  DiagnosticJobResult,
  JobName,
  QueueName,
  QueueProcessor,
} from '../../queues/queues';

/** Proves a queue's workers are alive; staff run one from the Queues page. */
class DiagnosticProcessor implements QueueProcessor {
  private readonly logger = new Logger(DiagnosticProcessor.name);

  constructor(readonly queue: QueueName) {}

  readonly handlers = {
    [JobName.diagnostic]: (job: Job<DiagnosticJobData>) => this.run(job),
  };

  private async run(job: Job<DiagnosticJobData>): Promise<DiagnosticJobResult> {
    const { data } = job;
    const attempt = job.attemptsMade + 1;
    this.logger.log({ attempt, jobId: job.id, queue: this.queue }, 'Diagnostic job running');
    if (data.fail)
      throw new Error(`Diagnostic failure requested by ${data.requestedBy} (attempt ${attempt})`);
    return { attempt, processedAt: new Date().toISOString(), queue: this.queue };
  }
}

/** A diagnostic processor for every queue. */
@Injectable()
export class DiagnosticProcessors {
  readonly all: QueueProcessor[] = Object.values(QueueName).map(
    (queue) => new DiagnosticProcessor(queue),
  );
}
