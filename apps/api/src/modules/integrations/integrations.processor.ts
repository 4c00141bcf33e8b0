import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { JobName, QueueName, QueueProcessor, SyncRunJobData } from '../../queues/queues';
import { AccountingPushService } from './accounting-push.service';
import { SyncRunsService } from './sync-runs.service';

/** The sync queue's jobs, each one line into the service that does the work. */
@Injectable()
export class IntegrationsProcessor implements QueueProcessor {
  readonly queue = QueueName.sync;

  constructor(
    private readonly runs: SyncRunsService,
    private readonly pushes: AccountingPushService,
  ) {}

  readonly handlers = {
    [JobName.syncRun]: (job: Job<SyncRunJobData>) => this.runs.execute(job.data.runId),
    [JobName.syncClock]: () => this.runs.tick(),
    [JobName.pushAccounting]: () => this.pushes.pushDue(),
  };

  async registerRecurring(): Promise<void> {
    await this.runs.registerRecurring();
    await this.pushes.registerRecurring();
  }
}
