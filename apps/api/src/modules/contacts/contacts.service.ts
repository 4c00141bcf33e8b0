import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService, escapeLike } from '../audit/audit.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { normaliseEmail } from '../users/users.service';
import { AccessProfilesService } from './access-profiles.service';
import { ContactMembership } from './contact-membership.entity';
import { Contact } from './contact.entity';
import {
  ContactResponseDto,
  ContactSortField,
  CreateContactDto,
  LinkContactDto,
  ListContactsQueryDto,
  NotificationEmailsResponseDto,
  SetNotificationContactsDto,
  UpdateContactDto,
} from './dto/contact.dto';

const SORT_COLUMNS: Record<ContactSortField, string> = {
  email: 'c.email',
  lastLoginAt: 'c.last_login_at',
  name: "lower(c.last_name || ' ' || c.first_name)",
};

/** One row per contact of an organization, with its access profile there (a ContactRow). */
const CONTACT_COLUMNS = `SELECT c.id, c.first_name, c.last_name, c.email, c.phone, c.last_login_at,
       m.access_profile_id, p.name AS access_profile_name, m.is_default_notification`;
const MEMBERS_FROM = `FROM contact_memberships m JOIN contacts c ON c.id = m.contact_id
  LEFT JOIN access_profiles p ON p.id = m.access_profile_id`;

interface ContactRow {
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

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly accessProfiles: AccessProfilesService,
    private readonly audit: AuditService,
  ) {}

  async list(
    organizationId: string,
    query: ListContactsQueryDto,
  ): Promise<Page<ContactResponseDto>> {
    await this.organizations.findOrFail(this.dataSource.manager, organizationId);
    const [field, direction] = parseSort<ContactSortField>(query.sort, 'name');
    const params: unknown[] = [organizationId];
    const search = query.q
      ? `AND (c.first_name || ' ' || c.last_name ILIKE $${params.push(`%${escapeLike(query.q)}%`)} OR c.email ILIKE $${params.length})`
      : '';
    const from = `${MEMBERS_FROM} WHERE m.organization_id = $1 ${search}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows: ContactRow[] = await this.dataSource.query(
      `${CONTACT_COLUMNS} ${from}
        ORDER BY ${SORT_COLUMNS[field]} ${direction} NULLS LAST, c.id
        LIMIT $${params.push(query.pageSize)} OFFSET $${params.push(pageOffset(query))}`,
      params,
    );
    return toPage(await this.withOrganizations(this.dataSource.manager, rows), total, query);
  }

  async create(
    actor: Actor,
    organizationId: string,
    dto: CreateContactDto,
  ): Promise<ContactResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.organizations.findOrFail(manager, organizationId);
      if (dto.accessProfileId)
        await this.accessProfiles.findForField(manager, dto.accessProfileId, 'accessProfileId');
      const email = normaliseEmail(dto.email);
      // One person, one contact: a known email joins this organization instead of duplicating.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact:${email}`]);
      let contact = await manager.findOneBy(Contact, { email });
      if (!contact) {
        contact = await manager.save(
          manager.create(Contact, {
            email,
            firstName: dto.firstName,
            lastName: dto.lastName,
            phone: dto.phone ?? null,
          }),
        );
      }
      const exists = await manager.existsBy(ContactMembership, {
        contactId: contact.id,
        organizationId,
      });
      if (exists) {
        throw AppException.conflict('This contact already belongs to the organization', [
          { field: 'email', message: 'is already a contact of this organization' },
        ]);
      }
      await manager.insert(ContactMembership, {
        accessProfileId: dto.accessProfileId ?? null,
        contactId: contact.id,
        isDefaultNotification: dto.isDefaultNotification ?? false,
        organizationId,
      });
      const response = await this.getOne(manager, organizationId, contact.id);
      await this.audit.record(
        actor,
        { action: 'contact.added', after: response, entityId: contact.id, entityType: 'contact' },
        manager,
      );
      return response;
    });
  }

  async update(
    actor: Actor,
    organizationId: string,
    contactId: string,
    dto: UpdateContactDto,
  ): Promise<ContactResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.findMembership(manager, organizationId, contactId);
      const before = await this.getOne(manager, organizationId, contactId);
      if (dto.accessProfileId)
        await this.accessProfiles.findForField(manager, dto.accessProfileId, 'accessProfileId');
      if (dto.accessProfileId !== undefined) membership.accessProfileId = dto.accessProfileId;
      if (dto.isDefaultNotification !== undefined)
        membership.isDefaultNotification = dto.isDefaultNotification;
      await manager.save(membership);
      const contactChanges: Partial<Contact> = {};
      if (dto.firstName !== undefined) contactChanges.firstName = dto.firstName;
      if (dto.lastName !== undefined) contactChanges.lastName = dto.lastName;
      if (dto.phone !== undefined) contactChanges.phone = dto.phone;
      if (Object.keys(contactChanges).length)
        await manager.update(Contact, contactId, contactChanges);
      const after = await this.getOne(manager, organizationId, contactId);
      const action =
        dto.accessProfileId === null && before.accessProfileId
          ? 'contact.access_revoked'
          : 'contact.updated';
      await this.audit.record(
        actor,
        { action, after, before, entityId: contactId, entityType: 'contact' },
        manager,
      );
      return after;
    });
  }

  /** Relates an existing contact to another organization (multi-company contacts). */
  async link(actor: Actor, contactId: string, dto: LinkContactDto): Promise<ContactResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const contact = await manager.findOneBy(Contact, { id: contactId });
      if (!contact) throw AppException.notFound('Contact');
      await this.organizations.findOrFail(manager, dto.organizationId, 'organizationId');
      if (dto.accessProfileId)
        await this.accessProfiles.findForField(manager, dto.accessProfileId, 'accessProfileId');
      if (
        await manager.existsBy(ContactMembership, { contactId, organizationId: dto.organizationId })
      ) {
        throw AppException.conflict('This contact already belongs to that organization', [
          { field: 'organizationId', message: 'already has this contact' },
        ]);
      }
      await manager.insert(ContactMembership, {
        accessProfileId: dto.accessProfileId ?? null,
        contactId,
        organizationId: dto.organizationId,
      });
      const response = await this.getOne(manager, dto.organizationId, contactId);
      await this.audit.record(
        actor,
        { action: 'contact.linked', after: response, entityId: contactId, entityType: 'contact' },
        manager,
      );
      return response;
    });
  }

  async notificationEmails(organizationId: string): Promise<NotificationEmailsResponseDto> {
    await this.organizations.findOrFail(this.dataSource.manager, organizationId);
    return this.readNotificationEmails(this.dataSource.manager, organizationId);
  }

  async setNotificationContacts(
    actor: Actor,
    organizationId: string,
    dto: SetNotificationContactsDto,
  ): Promise<NotificationEmailsResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.organizations.findOrFail(manager, organizationId, null, true);
      const ids = [...new Set(dto.contactIds)];
      const members = await manager.findBy(ContactMembership, {
        contactId: In(ids),
        organizationId,
      });
      const missing = ids.filter((id) => !members.some((m) => m.contactId === id));
      if (missing.length) {
        throw AppException.badRequest(
          'Every default notification contact must be a contact of the organization',
          missing.map((id) => ({
            field: `contactIds.${dto.contactIds.indexOf(id)}`,
            message: 'is not a contact of this organization',
          })),
        );
      }
      const before = await this.readNotificationEmails(manager, organizationId);
      await manager.query(
        `UPDATE contact_memberships SET is_default_notification = (contact_id = ANY($2::uuid[]))
          WHERE organization_id = $1`,
        [organizationId, ids],
      );
      const after = await this.readNotificationEmails(manager, organizationId);
      await this.audit.record(
        actor,
        {
          action: 'organization.notification_contacts_set',
          after,
          before,
          entityId: organizationId,
          entityType: 'organization',
        },
        manager,
      );
      return after;
    });
  }

  private async readNotificationEmails(
    manager: EntityManager,
    organizationId: string,
  ): Promise<NotificationEmailsResponseDto> {
    const rows: { contact_id: string; first_name: string; last_name: string; email: string }[] =
      await manager.query(
        `SELECT c.id AS contact_id, c.first_name, c.last_name, c.email
         FROM contact_memberships m JOIN contacts c ON c.id = m.contact_id
        WHERE m.organization_id = $1 AND m.is_default_notification
        ORDER BY c.email`,
        [organizationId],
      );
    return {
      data: rows.map((r) => ({
        contactId: r.contact_id,
        email: r.email,
        name: `${r.first_name} ${r.last_name}`,
      })),
    };
  }

  private async findMembership(
    manager: EntityManager,
    organizationId: string,
    contactId: string,
  ): Promise<ContactMembership> {
    const membership = await manager.findOne(ContactMembership, {
      lock: { mode: 'pessimistic_write' },
      where: { contactId, organizationId },
    });
    if (!membership) throw AppException.notFound('Contact');
    return membership;
  }

  private async getOne(
    manager: EntityManager,
    organizationId: string,
    contactId: string,
  ): Promise<ContactResponseDto> {
    const rows: ContactRow[] = await manager.query(
      `${CONTACT_COLUMNS} ${MEMBERS_FROM} WHERE m.organization_id = $1 AND m.contact_id = $2`,
      [organizationId, contactId],
    );
    if (!rows.length) throw AppException.notFound('Contact');
    const [contact] = await this.withOrganizations(manager, rows);
    return contact;
  }

  /** Adds each contact's organizations with one query for the whole page. */
  private async withOrganizations(
    manager: EntityManager,
    rows: ContactRow[],
  ): Promise<ContactResponseDto[]> {
    const memberships: { contact_id: string; organization_id: string; name: string }[] = rows.length
      ? await manager.query(
          `SELECT m.contact_id, o.id AS organization_id, o.name
             FROM contact_memberships m JOIN organizations o ON o.id = m.organization_id
            WHERE m.contact_id = ANY($1::uuid[]) ORDER BY o.name`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((row) => ({
      accessProfileId: row.access_profile_id,
      accessProfileName: row.access_profile_name,
      email: row.email,
      firstName: row.first_name,
      id: row.id,
      isDefaultNotification: row.is_default_notification,
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
      lastName: row.last_name,
      name: `${row.first_name} ${row.last_name}`,
      organizations: memberships
        .filter((m) => m.contact_id === row.id)
        .map((m) => ({ name: m.name, organizationId: m.organization_id })),
      phone: row.phone,
    }));
  }
}
