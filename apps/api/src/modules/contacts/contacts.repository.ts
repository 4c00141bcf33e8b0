import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import { containsPattern } from '../../database/like';
import { AccessProfile } from './access-profile.entity';
import { ContactMembership } from './contact-membership.entity';
import { Contact } from './contact.entity';
import { ContactSortField } from './dto/contact.dto';

/** One row per contact of an organization, with its access profile there. */
export interface ContactRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  last_login_at: Date | null;
  access_profile_id: string | null;
  access_profile_name: string | null;
  is_default_notification: boolean;
}

export interface EmailRecipientRow {
  contact_id: string;
  first_name: string;
  last_name: string;
  email: string;
  access_profile_id: string | null;
  receives_account_emails: boolean;
}

const SORT_COLUMNS: Record<ContactSortField, string> = {
  email: 'c.email',
  lastLoginAt: 'c.last_login_at',
  name: "lower(c.last_name || ' ' || c.first_name)",
};

const CONTACT_COLUMNS = [
  'c.id AS id',
  'c.first_name AS first_name',
  'c.last_name AS last_name',
  'c.email AS email',
  'c.phone AS phone',
  'c.last_login_at AS last_login_at',
  'm.access_profile_id AS access_profile_id',
  'p.name AS access_profile_name',
  'm.is_default_notification AS is_default_notification',
];

/** The contacts and contact_memberships tables (a contact may belong to several organizations). */
export interface SyncedContactRow {
  /** Lower-cased. */
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  organizationId: string;
}

@Injectable()
export class ContactsRepository {
  async listMembers(
    manager: EntityManager,
    organizationId: string,
    query: { q?: string; sort: [ContactSortField, 'ASC' | 'DESC']; offset: number; limit: number },
  ): Promise<{ rows: ContactRow[]; total: number }> {
    const builder = this.members(manager).where('m.organization_id = :organizationId', {
      organizationId,
    });
    if (query.q)
      builder.andWhere("(c.first_name || ' ' || c.last_name ILIKE :q OR c.email ILIKE :q)", {
        q: containsPattern(query.q),
      });
    const total = await builder.getCount();
    const [field, direction] = query.sort;
    const rows = await builder
      .select(CONTACT_COLUMNS)
      .orderBy(SORT_COLUMNS[field], direction, 'NULLS LAST')
      .addOrderBy('c.id')
      .offset(query.offset)
      .limit(query.limit)
      .getRawMany<ContactRow>();
    return { rows, total };
  }

  async member(
    manager: EntityManager,
    organizationId: string,
    contactId: string,
  ): Promise<ContactRow | null> {
    const row = await this.members(manager)
      .select(CONTACT_COLUMNS)
      .where('m.organization_id = :organizationId AND m.contact_id = :contactId', {
        contactId,
        organizationId,
      })
      .getRawOne<ContactRow>();
    return row ?? null;
  }

  /** Each contact's organizations (names read from the organizations table), for a page at once. */
  async organizationsOf(
    manager: EntityManager,
    contactIds: string[],
  ): Promise<{ contact_id: string; organization_id: string; name: string }[]> {
    if (contactIds.length === 0) return [];
    return manager
      .getRepository(ContactMembership)
      .createQueryBuilder('m')
      .innerJoin('organizations', 'o', 'o.id = m.organization_id')
      .select(['m.contact_id AS contact_id', 'o.id AS organization_id', 'o.name AS name'])
      .where('m.contact_id IN (:...contactIds)', { contactIds })
      .orderBy('o.name')
      .getRawMany();
  }

  /** Serialises concurrent adds of one email, so that one person stays one contact. */
  async lockEmail(manager: EntityManager, email: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact:${email}`]);
  }

  findByEmail(manager: EntityManager, email: string): Promise<Contact | null> {
    return manager.getRepository(Contact).findOneBy({ email });
  }

  findById(manager: EntityManager, id: string): Promise<Contact | null> {
    return manager.getRepository(Contact).findOneBy({ id });
  }

  insertContact(
    manager: EntityManager,
    contact: Pick<Contact, 'email' | 'firstName' | 'lastName' | 'phone'>,
  ): Promise<Contact> {
    return manager.getRepository(Contact).save(manager.getRepository(Contact).create(contact));
  }

  async updateContact(
    manager: EntityManager,
    id: string,
    changes: Partial<Pick<Contact, 'firstName' | 'lastName' | 'phone'>>,
  ): Promise<void> {
    await manager.getRepository(Contact).update(id, changes);
  }

  membershipExists(
    manager: EntityManager,
    contactId: string,
    organizationId: string,
  ): Promise<boolean> {
    return manager.getRepository(ContactMembership).existsBy({ contactId, organizationId });
  }

  findMembershipForUpdate(
    manager: EntityManager,
    organizationId: string,
    contactId: string,
  ): Promise<ContactMembership | null> {
    return manager.getRepository(ContactMembership).findOne({
      lock: { mode: 'pessimistic_write' },
      where: { contactId, organizationId },
    });
  }

  membershipsOf(
    manager: EntityManager,
    organizationId: string,
    contactIds: string[],
  ): Promise<ContactMembership[]> {
    return manager
      .getRepository(ContactMembership)
      .findBy({ contactId: In(contactIds), organizationId });
  }

  async insertMembership(
    manager: EntityManager,
    membership: Pick<
      ContactMembership,
      'accessProfileId' | 'contactId' | 'isDefaultNotification' | 'organizationId'
    >,
  ): Promise<void> {
    await manager.getRepository(ContactMembership).insert(membership);
  }

  async updateMembership(
    manager: EntityManager,
    membership: Pick<ContactMembership, 'contactId' | 'organizationId'>,
    changes: Partial<Pick<ContactMembership, 'accessProfileId' | 'isDefaultNotification'>>,
  ): Promise<void> {
    await manager
      .getRepository(ContactMembership)
      .update(
        { contactId: membership.contactId, organizationId: membership.organizationId },
        changes,
      );
  }

  /** Exactly these contacts become the organization's default notification contacts. */
  async setDefaultNotification(
    manager: EntityManager,
    organizationId: string,
    contactIds: string[],
  ): Promise<void> {
    await manager.query(
      `UPDATE contact_memberships SET is_default_notification = (contact_id = ANY($2::uuid[]))
        WHERE organization_id = $1`,
      [organizationId, contactIds],
    );
  }

  notificationContacts(
    manager: EntityManager,
    organizationId: string,
  ): Promise<{ contact_id: string; first_name: string; last_name: string; email: string }[]> {
    return this.members(manager)
      .select([
        'c.id AS contact_id',
        'c.first_name AS first_name',
        'c.last_name AS last_name',
        'c.email AS email',
      ])
      .where('m.organization_id = :organizationId AND m.is_default_notification', {
        organizationId,
      })
      .orderBy('c.email')
      .getRawMany();
  }

  /**
   * Contacts of the organization as email recipients: with their access profile there and
   * whether it receives account emails. `where` narrows the rows (default contacts, given ids…).
   */
  emailRecipients(
    manager: EntityManager,
    organizationId: string,
    where: { defaultNotification?: true; contactIds?: string[]; email?: string },
  ): Promise<EmailRecipientRow[]> {
    const builder = this.members(manager)
      .select([
        'c.id AS contact_id',
        'c.first_name AS first_name',
        'c.last_name AS last_name',
        'c.email AS email',
        'm.access_profile_id AS access_profile_id',
        'coalesce(p.receives_account_emails, false) AS receives_account_emails',
      ])
      .where('m.organization_id = :organizationId', { organizationId });
    if (where.defaultNotification) builder.andWhere('m.is_default_notification');
    if (where.contactIds)
      builder.andWhere('m.contact_id = ANY(:contactIds::uuid[])', { contactIds: where.contactIds });
    if (where.email) builder.andWhere('c.email = :email', { email: where.email });
    return builder.orderBy('c.email').getRawMany<EmailRecipientRow>();
  }

  private members(manager: EntityManager) {
    return manager
      .getRepository(ContactMembership)
      .createQueryBuilder('m')
      .innerJoin(Contact, 'c', 'c.id = m.contact_id')
      .leftJoin(AccessProfile, 'p', 'p.id = m.access_profile_id');
  }

  /**
   * Contacts from an integration, matched by email (the portal sign-in name): created, or
   * updated where the name or phone differ, and related to their organization if not yet.
   */
  async syncExternal(manager: EntityManager, rows: SyncedContactRow[]): Promise<void> {
    if (rows.length === 0) return;
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    const unique = [...byEmail.values()];
    await manager.query(
      `INSERT INTO contacts AS c (email, first_name, last_name, phone)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (email) DO UPDATE SET
         first_name = excluded.first_name, last_name = excluded.last_name,
         phone = excluded.phone, updated_at = now()
       WHERE (c.first_name, c.last_name, c.phone)
             IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.phone)`,
      [
        unique.map((r) => r.email),
        unique.map((r) => r.firstName),
        unique.map((r) => r.lastName),
        unique.map((r) => r.phone),
      ],
    );
    await manager.query(
      `INSERT INTO contact_memberships (contact_id, organization_id)
       SELECT c.id, i.organization_id
         FROM unnest($1::text[], $2::uuid[]) AS i(email, organization_id)
         JOIN contacts c ON c.email = i.email
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.email), rows.map((r) => r.organizationId)],
    );
  }
}
