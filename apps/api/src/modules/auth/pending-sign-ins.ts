import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';

import { randomToken, sha256Hex } from '../../common/crypto';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.module';

/** How long a right password waits for its second factor. */
export const PENDING_SIGN_IN_SECONDS = 5 * 60;

export interface PendingSignIn {
  userId: string;
  email: string;
}

/**
 * Sign-ins whose password was right and whose second factor is awaited, in Redis so that any
 * API process can finish them. The cookie holds a random token; Redis keys its hash.
 */
@Injectable()
export class PendingSignIns {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async open(pending: PendingSignIn): Promise<string> {
    const token = randomToken();
    await this.redis.set(this.key(token), JSON.stringify(pending), 'EX', PENDING_SIGN_IN_SECONDS);
    return token;
  }

  async find(token: string): Promise<PendingSignIn | null> {
    const stored = await this.redis.get(this.key(token));
    return stored ? (JSON.parse(stored) as PendingSignIn) : null;
  }

  async close(token: string): Promise<void> {
    await this.redis.del(this.key(token));
  }

  private key(token: string): string {
    return `${this.config.env.QUEUE_PREFIX}:staff-pending-sign-in:${sha256Hex(token)}`;
  }
}
