import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OutboxEvent } from './outbox-event.entity';
import { OutboxService } from './outbox.service';

@Global()
@Module({
  exports: [OutboxService],
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxService],
})
export class OutboxModule {}
