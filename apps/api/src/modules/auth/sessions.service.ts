import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { randomToken, sha256Hex } from '../../common/crypto';
import { User } from '../users/user.entity';
import { Session } from './session.entity';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Sliding expiry is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly config: AppConfig,
  ) {}

  async issue(
    user: User,
    client: { ip: string; userAgent: string | null },
  ): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    const expiresAt = this.expiryFrom(now);
    await this.sessions.delete({ expiresAt: LessThan(now), userId: user.id });
    await this.sessions.insert({
      csrfToken,
      expiresAt,
      ip: client.ip,
      lastSeenAt: now,
      tokenHash: sha256Hex(token),
      userAgent: client.userAgent,
      userId: user.id,
    });
    return { csrfToken, expiresAt, token };
  }

  /** The live session and its enabled user for a cookie token, or null. */
  async findActive(token: string): Promise<(Session & { user: User }) | null> {
    // Runs on every cookie-authenticated request: one indexed lookup joined to its user.
    const session = await this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.tokenHash = :tokenHash', { tokenHash: sha256Hex(token) })
      .getOne();
    const now = new Date();
    if (!session?.user || session.user.disabled || session.expiresAt <= now) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update(session.id, { expiresAt: this.expiryFrom(now), lastSeenAt: now });
    }
    return session as Session & { user: User };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.env.SESSION_TTL_HOURS * 3_600_000);
  }
}
