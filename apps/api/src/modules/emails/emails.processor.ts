import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import { EmailJobData, JobName, QueueName, QueueProcessor } from '../../queues/queues';
import { OutboxDispatcher } from '../outbox';
import { EmailQueue } from './email-queue.service';
import { EmailSender } from './email-sender.service';

/** The emails queue's jobs, each one line into the service that does the work. */
@Injectable()
export class EmailsProcessor implements QueueProcessor {
  readonly queue = QueueName.emails;

  constructor(
    private readonly sender: EmailSender,
    private readonly dispatcher: OutboxDispatcher,
    private readonly emailQueue: EmailQueue,
  ) {}

  readonly handlers = {
    [JobName.sendEmail]: (job: Job<EmailJobData>) =>
      this.sender.send(job.data.emailId, {
        last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      }),
    [JobName.dispatchOutbox]: () => this.dispatcher.dispatch(),
    [JobName.sweepEmails]: () => this.emailQueue.sweep(),
  };

  registerRecurring(): Promise<void> {
    return this.emailQueue.registerRecurring();
  }
}
