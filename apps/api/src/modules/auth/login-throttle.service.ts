import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.module';

/**
 * Counts sign-in attempts per client address in Redis, shared by every API process. The
 * per-account lockout lives on the user row; this stops one address from trying many accounts.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger(LoginThrottleService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Seconds to wait before another attempt is allowed, or 0. */
  async retryAfterSeconds(ip: string): Promise<number> {
    const key = `${this.config.env.QUEUE_PREFIX}:login-attempts:${ip}`;
    const windowSeconds = this.config.env.LOGIN_LOCKOUT_MINUTES * 60;
    try {
      const [[, count], , [, ttl]] = (await this.redis
        .multi()
        .incr(key)
        .expire(key, windowSeconds, 'NX')
        .ttl(key)
        .exec()) as [[null, number], [null, number], [null, number]];
      return count > this.config.env.LOGIN_IP_MAX_ATTEMPTS ? Math.max(ttl, 1) : 0;
    } catch (error) {
      // Failing open is safe here: the per-account lockout still applies without Redis.
      this.logger.warn({ err: error }, 'Login throttle unavailable');
      return 0;
    }
  }
}
