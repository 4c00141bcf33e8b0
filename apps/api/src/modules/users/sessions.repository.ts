import { Injectable } from '@nestjs/common';
import { StaffRole } from '@settle/domain';
import { EntityManager, LessThan, MoreThan } from 'typeorm';

import { Session } from './session.entity';

/** A live session with the fields of its user that authorising a request needs. */
export interface ActiveSession {
  id: string;
  csrfToken: string;
  lastSeenAt: Date;
  user: { id: string; email: string; name: string; role: StaffRole; twoFactorEnabled: boolean };
}

/** The sessions table (staff sign-ins). */
@Injectable()
export class SessionsRepository {
  async insert(
    manager: EntityManager,
    session: Pick<
      Session,
      'csrfToken' | 'expiresAt' | 'ip' | 'lastSeenAt' | 'tokenHash' | 'userAgent' | 'userId'
    >,
  ): Promise<void> {
    await manager.getRepository(Session).insert(session);
  }

  async deleteExpired(manager: EntityManager, userId: string, now: Date): Promise<void> {
    await manager.getRepository(Session).delete({ expiresAt: LessThan(now), userId });
  }

  /**
   * Runs on every cookie-authenticated request: one indexed lookup joined to an enabled user.
   * Typed raw SQL on purpose; it is the hottest query Settle has.
   */
  async findActive(manager: EntityManager, tokenHash: string): Promise<ActiveSession | null> {
    const rows: {
      id: string;
      csrf_token: string;
      last_seen_at: Date;
      user_id: string;
      email: string;
      name: string;
      role: StaffRole;
      two_factor: boolean;
    }[] = await manager.query(
      `SELECT s.id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.email, u.name, u.role,
              u.two_factor_enabled_at IS NOT NULL AS two_factor
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      csrfToken: row.csrf_token,
      id: row.id,
      lastSeenAt: row.last_seen_at,
      user: {
        email: row.email,
        id: row.user_id,
        name: row.name,
        role: row.role,
        twoFactorEnabled: row.two_factor,
      },
    };
  }

  async extend(manager: EntityManager, id: string, now: Date, expiresAt: Date): Promise<void> {
    await manager.getRepository(Session).update(id, { expiresAt, lastSeenAt: now });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Session).delete(id);
  }

  /** A user's live sessions, the most recently used first. */
  listLive(manager: EntityManager, userId: string, now: Date): Promise<Session[]> {
    return manager.getRepository(Session).find({
      order: { lastSeenAt: 'DESC', id: 'ASC' },
      where: { expiresAt: MoreThan(now), userId },
    });
  }

  /** Ends one session of this user; false when they have no such session. */
  async deleteOf(manager: EntityManager, userId: string, id: string): Promise<boolean> {
    const result = await manager.getRepository(Session).delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }

  async deleteAllFor(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(Session).delete({ userId });
  }
}
