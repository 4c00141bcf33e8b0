import { Module } from '@nestjs/common';

import { QueueStatusService } from './queue-status.service';
import { QueuesController } from './queues.controller';

@Module({
  controllers: [QueuesController],
  exports: [QueueStatusService],
  providers: [QueueStatusService],
})
export class SystemModule {}
