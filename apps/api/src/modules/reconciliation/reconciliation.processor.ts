import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { JobName, QueueName, QueueProcessor, ReconciliationRunJobData } from '../../queues/queues';
import { ReconciliationRunner } from './reconciliation-runner.service';

/** The reconciliation runs on the sync queue (they read QuickBooks like a sync does). */
@Injectable()
export class ReconciliationProcessor implements QueueProcessor {
  readonly queue = QueueName.sync;

  constructor(private readonly runner: ReconciliationRunner) {}

  readonly handlers = {
    [JobName.reconciliationRun]: (job: Job<ReconciliationRunJobData>) =>
      this.runner.execute(job.data.runId, {
        number: job.attemptsMade + 1,
        of: job.opts.attempts ?? 1,
      }),
  };
}
