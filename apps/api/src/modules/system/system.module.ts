import { Module } from '@nestjs/common';

import { DiagnosticProcessors } from './diagnostic.processors';
import { QueueStatusService } from './queue-status.service';
import { QueuesController } from './queues.controller';

@Module({
  controllers: [QueuesController],
  exports: [DiagnosticProcessors, QueueStatusService],
  providers: [DiagnosticProcessors, QueueStatusService],
})
export class SystemModule {}
