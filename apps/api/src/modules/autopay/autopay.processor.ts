import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { AutopayRunJobData, JobName, QueueName, QueueProcessor } from '../../queues/queues';
import { AutopayRunsService } from './autopay-runs.service';

/** AutoPay's jobs on the payments queue, each one line into the service that does the work. */
@Injectable()
export class AutopayProcessor implements QueueProcessor {
  readonly queue = QueueName.payments;

  constructor(private readonly runs: AutopayRunsService) {}

  readonly handlers = {
    [JobName.autopayRun]: (job: Job<AutopayRunJobData>) => this.runs.execute(job.data.runId),
    [JobName.autopayClock]: () => this.runs.tick(),
  };

  registerRecurring(): Promise<void> {
    return this.runs.registerRecurring();
  }
}
