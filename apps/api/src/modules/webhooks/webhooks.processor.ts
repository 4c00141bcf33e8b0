import { Injectable } from '@nestjs/common';

import { JobName, QueueName, QueueProcessor } from '../../queues/queues';
import { WebhookSender } from './webhook-sender.service';

/** The webhooks' job on the emails queue (outbound notifications): send what is due. */
@Injectable()
export class WebhooksProcessor implements QueueProcessor {
  readonly queue = QueueName.emails;

  constructor(private readonly sender: WebhookSender) {}

  readonly handlers = {
    [JobName.deliverWebhooks]: () => this.sender.deliverDue(),
  };

  registerRecurring(): Promise<void> {
    return this.sender.registerRecurring();
  }
}
