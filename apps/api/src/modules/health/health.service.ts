import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { AppException } from '../../common/errors/app.exception';
import { REDIS } from '../../redis/redis.module';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 1_500;

export interface DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Ready means both stores answer in time; a load balancer stops routing here while either is
   * down, or while every database connection is busy (the probe must wait for one).
   */
  async readiness(): Promise<{ status: 'ok'; checks: Record<string, DependencyCheck> }> {
    const [database, redis] = await Promise.all([
      check(() => this.database.ping(this.dataSource.manager)),
      check(() => this.redis.ping()),
    ]);
    const checks = { database, redis };
    const down = Object.entries(checks).filter(([, c]) => c.status === 'down');
    if (down.length) {
      const detail = down.map(([name, c]) => `${name} unreachable (${c.error})`).join('; ');
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, `Not ready: ${detail}`);
    }
    return { checks, status: 'ok' };
  }
}

async function check(probe: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { latencyMs: Math.round(performance.now() - started), status: 'up' };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'failed';
    return { error: message, latencyMs: Math.round(performance.now() - started), status: 'down' };
  } finally {
    clearTimeout(timer);
  }
}
