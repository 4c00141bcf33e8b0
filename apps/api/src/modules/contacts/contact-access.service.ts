import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { normaliseEmail } from '../../common/email';
import { PortalPermissions } from '../../common/portal-scope';
import { ContactAccessRepository, PortalMembershipRow } from './contact-access.repository';

/** A contact as the portal greets it, with every organization it may act for there. */
export interface PortalProfile {
  contact: { id: string; name: string; email: string };
  organizations: { id: string; name: string; permissions: PortalPermissions }[];
}

/**
 * What the portal needs from contacts to let one in: its password, the organizations its access
 * profiles open, and the instant before which its sessions no longer count. Access is revoked by
 * taking the membership's profile away (ContactsService.update), which ends every session.
 */
@Injectable()
export class ContactAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ContactAccessRepository,
  ) {}

  /** The contact with this email and the hash of its portal password, if it has set one. */
  findForSignIn(email: string): Promise<{ contactId: string; passwordHash: string } | null> {
    return this.access.findForSignIn(this.dataSource.manager, normaliseEmail(email));
  }

  /** The contact with this email, if it may use the portal for at least one organization. */
  async findPortalContactByEmail(manager: EntityManager, email: string): Promise<string | null> {
    const contactId = await this.access.findContactIdByEmail(manager, normaliseEmail(email));
    if (!contactId) return null;
    const memberships = await this.access.activeMemberships(manager, contactId);
    return memberships.length ? contactId : null;
  }

  /** In the caller's transaction; every other portal session of the contact ends. */
  setPassword(manager: EntityManager, contactId: string, passwordHash: string): Promise<void> {
    return this.access.setPassword(manager, contactId, passwordHash);
  }

  /** In the caller's transaction: every portal session of the contact ends at once. */
  endPortalSessions(manager: EntityManager, contactId: string): Promise<void> {
    return this.access.endSessions(manager, contactId);
  }

  recordSignIn(manager: EntityManager, contactId: string, at: Date): Promise<void> {
    return this.access.recordSignIn(manager, contactId, at);
  }

  /** The contact and the organizations it may act for; null when it has none (or is gone). */
  async portalProfile(manager: EntityManager, contactId: string): Promise<PortalProfile | null> {
    const [contact, memberships] = await Promise.all([
      this.access.contact(manager, contactId),
      this.access.activeMemberships(manager, contactId),
    ]);
    if (!contact || memberships.length === 0) return null;
    return {
      contact: {
        email: contact.email,
        id: contact.id,
        name: `${contact.first_name} ${contact.last_name}`,
      },
      organizations: memberships.map((m) => ({
        id: m.organization_id,
        name: m.organization_name,
        permissions: permissionsOf(m),
      })),
    };
  }

  /**
   * What the contact may do for this organization, read afresh on every request so that a
   * changed profile applies at once; null when it has no access there (never had, or revoked).
   */
  async portalPermissions(
    contactId: string,
    organizationId: string,
  ): Promise<PortalPermissions | null> {
    const membership = await this.access.activeMembership(
      this.dataSource.manager,
      contactId,
      organizationId,
    );
    return membership && permissionsOf(membership);
  }
}

function permissionsOf(row: PortalMembershipRow): PortalPermissions {
  return {
    manageAutopay: row.can_manage_autopay,
    manageMethods: row.can_manage_payment_methods,
    pay: row.can_pay,
    viewCredits: row.can_view_credits,
    viewInvoices: row.can_view_invoices,
  };
}
