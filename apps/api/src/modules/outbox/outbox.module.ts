import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  exports: [OutboxDispatcher, OutboxService],
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxDispatcher, OutboxRepository, OutboxService],
})
export class OutboxModule {}
