import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OutboxEvent } from './outbox-event.entity';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

@Module({
  exports: [OutboxService],
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxRepository, OutboxService],
})
export class OutboxModule {}
