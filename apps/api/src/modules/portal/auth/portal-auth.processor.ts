import { Injectable } from '@nestjs/common';
import { Job } from 'bull';

import {
  JobName,
  PortalPasswordResetJobData,
  QueueName,
  QueueProcessor,
} from '../../../queues/queues';
import { PasswordResetService } from './password-reset.service';

/** The portal's jobs on the emails queue, each one line into the service that does the work. */
@Injectable()
export class PortalAuthProcessor implements QueueProcessor {
  readonly queue = QueueName.emails;

  constructor(private readonly resets: PasswordResetService) {}

  readonly handlers = {
    [JobName.portalPasswordReset]: (job: Job<PortalPasswordResetJobData>) =>
      this.resets.issueFor(job.data.email),
  };
}
