import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';

import { PortalSession } from './portal-session.entity';

/** A live portal session with what authorising a request needs of its contact. */
export interface ActivePortalSession {
  id: string;
  csrfToken: string;
  lastSeenAt: Date;
  contact: { id: string; email: string; name: string };
  /** Set on a staff view: read only, of this one organization. */
  staffView: { userId: string; organizationId: string } | null;
}

/** The portal_sessions table (contacts' sign-ins). */
@Injectable()
export class PortalSessionsRepository {
  async insert(
    manager: EntityManager,
    session: Pick<
      PortalSession,
      'contactId' | 'csrfToken' | 'expiresAt' | 'ip' | 'lastSeenAt' | 'tokenHash' | 'userAgent'
    > &
      Partial<Pick<PortalSession, 'awaitingExchange' | 'staffUserId' | 'viewOrganizationId'>>,
  ): Promise<void> {
    await manager.getRepository(PortalSession).insert(session);
  }

  async deleteExpired(manager: EntityManager, contactId: string, now: Date): Promise<void> {
    await manager.getRepository(PortalSession).delete({ contactId, expiresAt: LessThan(now) });
  }

  /**
   * Runs on every portal request: one indexed lookup. The session counts only while it began
   * after the contact's credentials last ended its sessions (password changed, access revoked)
   * and while the contact still has access to some organization; contacts' tables are read,
   * never written, here.
   */
  async findActive(manager: EntityManager, tokenHash: string): Promise<ActivePortalSession | null> {
    const rows: {
      id: string;
      csrf_token: string;
      last_seen_at: Date;
      contact_id: string | null;
      email: string;
      first_name: string | null;
      last_name: string | null;
      staff_user_id: string | null;
      staff_name: string | null;
      view_organization_id: string | null;
    }[] = await manager.query(
      `SELECT s.id, s.csrf_token, s.last_seen_at, s.contact_id, s.staff_user_id,
              s.view_organization_id, coalesce(c.email, u.email) AS email, c.first_name,
              c.last_name, u.name AS staff_name
         FROM portal_sessions s
         LEFT JOIN contacts c ON c.id = s.contact_id
         LEFT JOIN contact_credentials cc ON cc.contact_id = s.contact_id
         LEFT JOIN users u ON u.id = s.staff_user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT s.awaiting_exchange
          AND ((s.contact_id IS NOT NULL
                AND s.created_at >= cc.sessions_valid_after
                AND EXISTS (SELECT 1 FROM contact_memberships m
                             WHERE m.contact_id = s.contact_id AND m.access_profile_id IS NOT NULL))
            OR (s.staff_user_id IS NOT NULL AND NOT u.disabled))`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.staff_user_id && row.view_organization_id)
      return {
        contact: { email: row.email, id: row.staff_user_id, name: row.staff_name ?? row.email },
        csrfToken: row.csrf_token,
        id: row.id,
        lastSeenAt: row.last_seen_at,
        staffView: { organizationId: row.view_organization_id, userId: row.staff_user_id },
      };
    return {
      contact: {
        email: row.email,
        id: row.contact_id!,
        name: `${row.first_name} ${row.last_name}`,
      },
      csrfToken: row.csrf_token,
      id: row.id,
      lastSeenAt: row.last_seen_at,
      staffView: null,
    };
  }

  /**
   * Takes a staff view's link token: the session it names, if still awaiting its exchange and
   * within its minute, is deleted and returned (a second use finds nothing).
   */
  async takeStaffViewLink(
    manager: EntityManager,
    tokenHash: string,
  ): Promise<{ staffUserId: string; viewOrganizationId: string } | null> {
    const rows: { staff_user_id: string; view_organization_id: string }[] = await manager.query(
      `WITH taken AS (
         DELETE FROM portal_sessions
          WHERE token_hash = $1 AND awaiting_exchange AND expires_at > now()
          RETURNING staff_user_id, view_organization_id)
       SELECT * FROM taken`,
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? { staffUserId: row.staff_user_id, viewOrganizationId: row.view_organization_id }
      : null;
  }

  async extend(manager: EntityManager, id: string, now: Date, expiresAt: Date): Promise<void> {
    await manager.getRepository(PortalSession).update(id, { expiresAt, lastSeenAt: now });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PortalSession).delete(id);
  }
}
