import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { randomToken, sha256Hex } from '../../../common/crypto';
import { AppConfig } from '../../../config/app-config';
import { ActivePortalSession, PortalSessionsRepository } from './portal-sessions.repository';

export interface IssuedPortalSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A staff view's link works once, within a minute of being made. */
const STAFF_VIEW_LINK_MS = 60_000;
/** A staff view lasts an hour from its first use, without sliding. */
const STAFF_VIEW_MS = 3_600_000;

/** Sliding expiry is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Contacts' portal sessions, made as staff sessions are: a random token in the cookie, only its
 * SHA-256 stored, a sliding expiry of SESSION_TTL_HOURS, and a new token at every sign-in.
 */
@Injectable()
export class PortalSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: PortalSessionsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * In the caller's transaction: a session begun in the transaction that changed the password
   * outlives the change (it ends the sessions begun before it).
   */
  async issue(
    manager: EntityManager,
    contactId: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<IssuedPortalSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = new Date();
    const expiresAt = this.expiryFrom(now);
    await this.sessions.deleteExpired(manager, contactId, now);
    await this.sessions.insert(manager, {
      contactId,
      csrfToken,
      expiresAt,
      ip: client.ip,
      lastSeenAt: now,
      tokenHash: sha256Hex(token),
      userAgent: client.userAgent,
    });
    return { csrfToken, expiresAt, token };
  }

  /**
   * A one-time link token for a staff user to open the portal as `organizationId`'s contacts see
   * it. Stored (hashed) as a session that authenticates nothing until it is exchanged.
   */
  async issueStaffViewLink(
    manager: EntityManager,
    staffUserId: string,
    organizationId: string,
  ): Promise<string> {
    const token = randomToken();
    const now = new Date();
    await this.sessions.insert(manager, {
      awaitingExchange: true,
      contactId: null,
      csrfToken: randomToken(),
      expiresAt: new Date(now.getTime() + STAFF_VIEW_LINK_MS),
      ip: null,
      lastSeenAt: now,
      staffUserId,
      tokenHash: sha256Hex(token),
      userAgent: null,
      viewOrganizationId: organizationId,
    });
    return token;
  }

  /** The link's session for the cookie, once; null for a used, expired or unknown link. */
  async exchangeStaffViewLink(
    token: string,
    client: { ip: string; userAgent: string | null },
  ): Promise<IssuedPortalSession | null> {
    return this.dataSource.transaction(async (manager) => {
      const link = await this.sessions.takeStaffViewLink(manager, sha256Hex(token));
      if (!link) return null;
      const session = { csrfToken: randomToken(), token: randomToken() };
      const now = new Date();
      const expiresAt = new Date(now.getTime() + STAFF_VIEW_MS);
      await this.sessions.insert(manager, {
        contactId: null,
        csrfToken: session.csrfToken,
        expiresAt,
        ip: client.ip,
        lastSeenAt: now,
        staffUserId: link.staffUserId,
        tokenHash: sha256Hex(session.token),
        userAgent: client.userAgent,
        viewOrganizationId: link.viewOrganizationId,
      });
      return { ...session, expiresAt };
    });
  }

  /** The live session for a cookie token, or null. */
  async findActive(token: string): Promise<ActivePortalSession | null> {
    const manager = this.dataSource.manager;
    const session = await this.sessions.findActive(manager, sha256Hex(token));
    if (!session) return null;
    const now = new Date();
    // A staff view ends an hour after it began, however busy.
    if (!session.staffView && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await this.sessions.extend(manager, session.id, now, this.expiryFrom(now));
    return session;
  }

  end(sessionId: string): Promise<void> {
    return this.sessions.delete(this.dataSource.manager, sessionId);
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.env.SESSION_TTL_HOURS * 3_600_000);
  }
}
