import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { randomToken, sha256Hex } from '../../common/crypto';
import { AppConfig } from '../../config/app-config';
import { Session } from './session.entity';
import { ActiveSession, SessionsRepository } from './sessions.repository';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Sliding expiry is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** Staff sessions: the cookie holds a random token; only its SHA-256 is stored. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async issue(
    userId: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    const expiresAt = this.expiryFrom(now);
    const manager = this.dataSource.manager;
    await this.sessions.deleteExpired(manager, userId, now);
    await this.sessions.insert(manager, {
      csrfToken,
      expiresAt,
      ip: client.ip,
      lastSeenAt: now,
      tokenHash: sha256Hex(token),
      userAgent: client.userAgent,
      userId,
    });
    return { csrfToken, expiresAt, token };
  }

  /** The live session of an enabled user for a cookie token, or null. */
  async findActive(token: string): Promise<ActiveSession | null> {
    const manager = this.dataSource.manager;
    const session = await this.sessions.findActive(manager, sha256Hex(token));
    if (!session) return null;
    const now = new Date();
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await this.sessions.extend(manager, session.id, now, this.expiryFrom(now));
    return session;
  }

  listLive(manager: EntityManager, userId: string): Promise<Session[]> {
    return this.sessions.listLive(manager, userId, new Date());
  }

  /** In the caller's transaction; false when the user has no such session. */
  endOf(manager: EntityManager, userId: string, sessionId: string): Promise<boolean> {
    return this.sessions.deleteOf(manager, userId, sessionId);
  }

  end(sessionId: string): Promise<void> {
    return this.sessions.delete(this.dataSource.manager, sessionId);
  }

  /** Inside the caller's transaction: a disabled, demoted or re-passworded user signs in again. */
  endAllFor(manager: EntityManager, userId: string): Promise<void> {
    return this.sessions.deleteAllFor(manager, userId);
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.env.SESSION_TTL_HOURS * 3_600_000);
  }
}
