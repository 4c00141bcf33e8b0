import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';

import { sha256Hex } from '../../../common/crypto';
import { ClientInfo } from '../../../common/decorators/auth.decorators';
import { normaliseEmail } from '../../../common/email';
import { AppException } from '../../../common/errors/app.exception';
import { AppConfig } from '../../../config/app-config';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../../common/with-timeout';
import { REDIS } from '../../../redis/redis.module';
import { AccessRequestedPayload, OutboxService } from '../../outbox';
import { PortalAccessRequestDto } from './dto/portal-auth.dto';

/** Requests one address may send per window: enough for a typo, too few to flood staff. */
const PER_ADDRESS = 5;
/** Requests from everyone per window, so no botnet can bury staff's inboxes. */
const OVERALL = 100;
const WINDOW_SECONDS = 3600;

/**
 * "Request access" on the portal's sign-in page: who asked goes to staff by email (the outbox
 * event becomes one email per staff user who wants them, or per admin when nobody does), so a
 * request is never lost. Rate-limited per client address and overall, before anything is
 * written.
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async request(dto: PortalAccessRequestDto, client: ClientInfo): Promise<void> {
    await this.admit(client.ip);
    const payload: AccessRequestedPayload = {
      company: dto.company,
      email: normaliseEmail(dto.email),
      message: dto.message ?? null,
      name: dto.name,
      requestedAt: new Date().toISOString(),
    };
    await this.dataSource.transaction((manager) =>
      this.outbox.add(
        manager,
        'portal.access_requested',
        { id: randomUUID(), type: 'access_request' },
        { ...payload },
      ),
    );
  }

  /** Counts the request in this window, refusing it (429) over either limit. */
  private async admit(ip: string): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const prefix = `${this.config.env.QUEUE_PREFIX}:access-requests:${window}`;
    const keys = [`${prefix}:ip:${sha256Hex(ip)}`, `${prefix}:all`];
    let counts: number[];
    try {
      const results = await withTimeout(
        this.redis
          .multi()
          .incr(keys[0])
          .expire(keys[0], WINDOW_SECONDS)
          .incr(keys[1])
          .expire(keys[1], WINDOW_SECONDS)
          .exec(),
        ENQUEUE_TIMEOUT_MS,
      );
      counts = [Number(results?.[0]?.[1]), Number(results?.[2]?.[1])];
    } catch {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Access requests cannot be taken just now; try again in a minute',
      );
    }
    if (counts[0] > PER_ADDRESS || counts[1] > OVERALL) {
      const retryAfter = (window + 1) * WINDOW_SECONDS - Math.floor(Date.now() / 1000);
      throw new AppException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many access requests. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
        { headers: { 'retry-after': String(Math.max(1, retryAfter)) } },
      );
    }
  }
}
