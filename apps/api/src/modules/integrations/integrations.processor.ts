import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { JobName, QueueName, QueueProcessor, SyncRunJobData } from '../../queues/queues';
import { SyncRunsService } from './sync-runs.service';

/** The sync queue's jobs, each one line into the service that does the work. */
@Injectable()
export class IntegrationsProcessor implements QueueProcessor {
  readonly queue = QueueName.sync;

  constructor(private readonly runs: SyncRunsService) {}

  readonly handlers = {
    [JobName.syncRun]: (job: Job<SyncRunJobData>) => this.runs.execute(job.data.runId),
    [JobName.syncClock]: () => this.runs.tick(),
  };

  registerRecurring(): Promise<void> {
    return this.runs.registerRecurring();
  }
}
