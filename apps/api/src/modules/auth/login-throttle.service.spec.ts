import Redis from 'ioredis';

import { AppConfig } from '../../config/app-config';
import { parseEnv } from '../../config/env.schema';
import { LoginThrottleService } from './login-throttle.service';

describe('LoginThrottleService without Redis', () => {
  let redis: Redis;
  let throttle: LoginThrottleService;

  beforeAll(() => {
    // Nothing listens on port 1: every command fails at once, as with the app's client when
    // Redis is down (no offline queue).
    redis = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    }).on('error', () => undefined);
    const config = new AppConfig(
      parseEnv({ DATABASE_URL: 'postgres://u@localhost/settle', REDIS_URL: 'redis://127.0.0.1:1' }),
    );
    throttle = new LoginThrottleService(redis, config);
  });
  afterAll(() => redis.disconnect());

  it('admits the attempt, leaving argon2 to bound guessing, rather than lock all staff out', async () => {
    for (let i = 0; i < 10; i++)
      await expect(throttle.admit('owner@example.test', '203.0.113.9')).resolves.toEqual({
        admitted: true,
      });
    await expect(throttle.succeeded('owner@example.test', '203.0.113.9')).resolves.toBeUndefined();
  });
});
