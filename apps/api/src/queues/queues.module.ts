import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { ALL_QUEUES, QUEUE_DEFAULT_JOB_OPTIONS } from './queues';

/** Registers the queues so any module can inject and enqueue; processors come with the worker. */
@Global()
@Module({
  exports: [BullModule],
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.env.QUEUE_PREFIX,
        redis: config.env.REDIS_URL,
      }),
    }),
    ...ALL_QUEUES.map((name) =>
      BullModule.registerQueue({ defaultJobOptions: QUEUE_DEFAULT_JOB_OPTIONS[name], name }),
    ),
  ],
})
export class QueuesModule {}
