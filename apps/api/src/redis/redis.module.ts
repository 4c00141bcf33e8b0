import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/**
 * A Redis client for Settle's own short-lived keys (login throttling, readiness). Bull keeps
 * its own connections. Commands fail fast while Redis is down instead of queueing in memory.
 */
@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  exports: [REDIS],
  providers: [
    {
      inject: [AppConfig],
      provide: REDIS,
      useFactory: (config: AppConfig) =>
        new Redis(config.env.REDIS_URL, {
          connectTimeout: 2000,
          enableOfflineQueue: false,
          lazyConnect: false,
          maxRetriesPerRequest: 1,
        }).on('error', () => undefined),
    },
    RedisLifecycle,
  ],
})
export class RedisModule {}
