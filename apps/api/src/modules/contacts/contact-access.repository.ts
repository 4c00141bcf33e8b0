import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A membership's access profile as portal permissions' columns. */
export interface PortalMembershipRow {
  organization_id: string;
  organization_name: string;
  can_view_invoices: boolean;
  can_pay: boolean;
  can_manage_payment_methods: boolean;
  can_manage_autopay: boolean;
  can_view_credits: boolean;
}

const MEMBERSHIP_COLUMNS = `m.organization_id, o.name AS organization_name, p.can_view_invoices,
  p.can_pay, p.can_manage_payment_methods, p.can_manage_autopay, p.can_view_credits`;

/**
 * The contact_credentials table, and the memberships a contact may use the portal through:
 * those with an access profile (a null profile is revoked access). Organization names are read
 * from the organizations table, read-only.
 */
@Injectable()
export class ContactAccessRepository {
  async findForSignIn(
    manager: EntityManager,
    email: string,
  ): Promise<{ contactId: string; passwordHash: string } | null> {
    const rows: { contact_id: string; password_hash: string }[] = await manager.query(
      `SELECT c.id AS contact_id, cc.password_hash
         FROM contacts c JOIN contact_credentials cc ON cc.contact_id = c.id
        WHERE c.email = $1`,
      [email],
    );
    return rows[0] ? { contactId: rows[0].contact_id, passwordHash: rows[0].password_hash } : null;
  }

  async findContactIdByEmail(manager: EntityManager, email: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM contacts WHERE email = $1', [
      email,
    ]);
    return rows[0]?.id ?? null;
  }

  async contact(
    manager: EntityManager,
    contactId: string,
  ): Promise<{ id: string; first_name: string; last_name: string; email: string } | null> {
    const rows: { id: string; first_name: string; last_name: string; email: string }[] =
      await manager.query('SELECT id, first_name, last_name, email FROM contacts WHERE id = $1', [
        contactId,
      ]);
    return rows[0] ?? null;
  }

  /** Sets the password; sessions begun before this transaction stop counting. */
  async setPassword(
    manager: EntityManager,
    contactId: string,
    passwordHash: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO contact_credentials (contact_id, password_hash, sessions_valid_after)
       VALUES ($1, $2, now())
       ON CONFLICT (contact_id) DO UPDATE
         SET password_hash = EXCLUDED.password_hash, sessions_valid_after = now(), updated_at = now()`,
      [contactId, passwordHash],
    );
  }

  async endSessions(manager: EntityManager, contactId: string): Promise<void> {
    await manager.query(
      `UPDATE contact_credentials SET sessions_valid_after = now(), updated_at = now()
        WHERE contact_id = $1`,
      [contactId],
    );
  }

  async recordSignIn(manager: EntityManager, contactId: string, at: Date): Promise<void> {
    await manager.query('UPDATE contacts SET last_login_at = $2 WHERE id = $1', [contactId, at]);
  }

  /** The organizations the contact may use the portal for, by name. */
  activeMemberships(manager: EntityManager, contactId: string): Promise<PortalMembershipRow[]> {
    return manager.query(
      `SELECT ${MEMBERSHIP_COLUMNS}
         FROM contact_memberships m
         JOIN access_profiles p ON p.id = m.access_profile_id
         JOIN organizations o ON o.id = m.organization_id
        WHERE m.contact_id = $1
        ORDER BY lower(o.name), o.id`,
      [contactId],
    );
  }

  async activeMembership(
    manager: EntityManager,
    contactId: string,
    organizationId: string,
  ): Promise<PortalMembershipRow | null> {
    const rows: PortalMembershipRow[] = await manager.query(
      `SELECT ${MEMBERSHIP_COLUMNS}
         FROM contact_memberships m
         JOIN access_profiles p ON p.id = m.access_profile_id
         JOIN organizations o ON o.id = m.organization_id
        WHERE m.contact_id = $1 AND m.organization_id = $2`,
      [contactId, organizationId],
    );
    return rows[0] ?? null;
  }
}
