import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { normaliseEmail } from '../../common/email';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { OrganizationsService } from '../organizations';
import { AccessProfilesService } from './access-profiles.service';
import { ContactAccessService } from './contact-access.service';
import {
  ContactRow,
  ContactsRepository,
  EmailRecipientRow,
  SyncedContactRow,
} from './contacts.repository';
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

/** A contact of an organization as an email recipient. */
export interface EmailContact {
  contactId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Null when access to this organization was revoked. */
  accessProfileId: string | null;
  /** Its access profile here receives account emails (receipts, statements, notices). */
  receivesAccountEmails: boolean;
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsRepository,
    private readonly organizations: OrganizationsService,
    private readonly accessProfiles: AccessProfilesService,
    private readonly access: ContactAccessService,
    private readonly audit: AuditService,
  ) {}

  /** A page of an integration's contacts, in the sync's transaction (see the repository). */
  syncFromSource(manager: EntityManager, rows: SyncedContactRow[]): Promise<void> {
    return this.contacts.syncExternal(manager, rows);
  }

  async list(
    organizationId: string,
    query: ListContactsQueryDto,
  ): Promise<Page<ContactResponseDto>> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    const { rows, total } = await this.contacts.listMembers(manager, organizationId, {
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<ContactSortField>(query.sort, 'name'),
    });
    return toPage(await this.withOrganizations(manager, rows), total, query);
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
      await this.contacts.lockEmail(manager, email);
      const contact =
        (await this.contacts.findByEmail(manager, email)) ??
        (await this.contacts.insertContact(manager, {
          email,
          firstName: dto.firstName,
          lastName: dto.lastName,
          phone: dto.phone ?? null,
        }));
      if (await this.contacts.membershipExists(manager, contact.id, organizationId))
        throw AppException.conflict('This contact already belongs to the organization', [
          { field: 'email', message: 'is already a contact of this organization' },
        ]);
      await this.contacts.insertMembership(manager, {
        accessProfileId: dto.accessProfileId ?? null,
        contactId: contact.id,
        isDefaultNotification: dto.isDefaultNotification ?? false,
        organizationId,
      });
      const response = await this.getOne(manager, organizationId, contact.id);
      await this.audit.record(manager, actor, {
        action: 'contact.added',
        after: response,
        entityId: contact.id,
        entityLabel: response.name,
        entityType: 'contact',
        organizationId,
      });
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
      const membership = await this.contacts.findMembershipForUpdate(
        manager,
        organizationId,
        contactId,
      );
      if (!membership) throw AppException.notFound('Contact');
      const before = await this.getOne(manager, organizationId, contactId);
      if (dto.accessProfileId)
        await this.accessProfiles.findForField(manager, dto.accessProfileId, 'accessProfileId');
      const membershipChanges: Parameters<ContactsRepository['updateMembership']>[2] = {};
      if (dto.accessProfileId !== undefined)
        membershipChanges.accessProfileId = dto.accessProfileId;
      if (dto.isDefaultNotification !== undefined)
        membershipChanges.isDefaultNotification = dto.isDefaultNotification;
      if (Object.keys(membershipChanges).length)
        await this.contacts.updateMembership(manager, membership, membershipChanges);
      const contactChanges: Parameters<ContactsRepository['updateContact']>[2] = {};
      if (dto.firstName !== undefined) contactChanges.firstName = dto.firstName;
      if (dto.lastName !== undefined) contactChanges.lastName = dto.lastName;
      if (dto.phone !== undefined) contactChanges.phone = dto.phone;
      if (Object.keys(contactChanges).length)
        await this.contacts.updateContact(manager, contactId, contactChanges);
      const after = await this.getOne(manager, organizationId, contactId);
      const revoked = dto.accessProfileId === null && before.accessProfileId !== null;
      // Signed in elsewhere or not, the contact signs in again and sees only what is left.
      if (revoked) await this.access.endPortalSessions(manager, contactId);
      const action = revoked ? 'contact.access_revoked' : 'contact.updated';
      await this.audit.record(manager, actor, {
        action,
        after,
        before,
        entityId: contactId,
        entityLabel: after.name,
        entityType: 'contact',
        organizationId,
      });
      return after;
    });
  }

  /** Relates an existing contact to another organization (multi-company contacts). */
  async link(actor: Actor, contactId: string, dto: LinkContactDto): Promise<ContactResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.contacts.findById(manager, contactId)))
        throw AppException.notFound('Contact');
      await this.organizations.findOrFail(manager, dto.organizationId, {
        field: 'organizationId',
      });
      if (dto.accessProfileId)
        await this.accessProfiles.findForField(manager, dto.accessProfileId, 'accessProfileId');
      if (await this.contacts.membershipExists(manager, contactId, dto.organizationId))
        throw AppException.conflict('This contact already belongs to that organization', [
          { field: 'organizationId', message: 'already has this contact' },
        ]);
      await this.contacts.insertMembership(manager, {
        accessProfileId: dto.accessProfileId ?? null,
        contactId,
        isDefaultNotification: false,
        organizationId: dto.organizationId,
      });
      const response = await this.getOne(manager, dto.organizationId, contactId);
      await this.audit.record(manager, actor, {
        action: 'contact.linked',
        after: response,
        entityId: contactId,
        entityLabel: response.name,
        entityType: 'contact',
        organizationId: dto.organizationId,
      });
      return response;
    });
  }

  async notificationEmails(organizationId: string): Promise<NotificationEmailsResponseDto> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    return this.readNotificationEmails(manager, organizationId);
  }

  async setNotificationContacts(
    actor: Actor,
    organizationId: string,
    dto: SetNotificationContactsDto,
  ): Promise<NotificationEmailsResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.organizations.findOrFail(manager, organizationId, { lock: true });
      const ids = [...new Set(dto.contactIds)];
      const members = ids.length
        ? await this.contacts.membershipsOf(manager, organizationId, ids)
        : [];
      const missing = ids.filter((id) => !members.some((m) => m.contactId === id));
      if (missing.length)
        throw AppException.badRequest(
          'Every default notification contact must be a contact of the organization',
          missing.map((id) => ({
            field: `contactIds.${dto.contactIds.indexOf(id)}`,
            message: 'is not a contact of this organization',
          })),
        );
      const before = await this.readNotificationEmails(manager, organizationId);
      await this.contacts.setDefaultNotification(manager, organizationId, ids);
      const after = await this.readNotificationEmails(manager, organizationId);
      await this.audit.record(manager, actor, {
        action: 'organization.notification_contacts_set',
        after,
        before,
        entityId: organizationId,
        entityType: 'organization',
        organizationId,
      });
      return after;
    });
  }

  /**
   * Who automated account emails go to: the organization's default notification contacts whose
   * access profile there receives account emails. In the caller's transaction.
   */
  async accountEmailContacts(
    manager: EntityManager,
    organizationId: string,
  ): Promise<EmailContact[]> {
    const rows = await this.contacts.emailRecipients(manager, organizationId, {
      defaultNotification: true,
    });
    return rows.map(toEmailContact).filter((c) => c.receivesAccountEmails);
  }

  /** These contacts of the organization (those that are not its contacts are left out). */
  async emailContacts(
    manager: EntityManager,
    organizationId: string,
    contactIds: string[],
  ): Promise<EmailContact[]> {
    if (contactIds.length === 0) return [];
    const rows = await this.contacts.emailRecipients(manager, organizationId, { contactIds });
    return rows.map(toEmailContact);
  }

  /** The organization's contact with this email address, if there is one. */
  async emailContactByAddress(
    manager: EntityManager,
    organizationId: string,
    email: string,
  ): Promise<EmailContact | null> {
    const [row] = await this.contacts.emailRecipients(manager, organizationId, {
      email: normaliseEmail(email),
    });
    return row ? toEmailContact(row) : null;
  }

  private async readNotificationEmails(
    manager: EntityManager,
    organizationId: string,
  ): Promise<NotificationEmailsResponseDto> {
    const rows = await this.contacts.notificationContacts(manager, organizationId);
    return {
      data: rows.map((r) => ({
        contactId: r.contact_id,
        email: r.email,
        name: `${r.first_name} ${r.last_name}`,
      })),
    };
  }

  private async getOne(
    manager: EntityManager,
    organizationId: string,
    contactId: string,
  ): Promise<ContactResponseDto> {
    const row = await this.contacts.member(manager, organizationId, contactId);
    if (!row) throw AppException.notFound('Contact');
    const [contact] = await this.withOrganizations(manager, [row]);
    return contact;
  }

  /** Adds each contact's organizations with one query for the whole page. */
  private async withOrganizations(
    manager: EntityManager,
    rows: ContactRow[],
  ): Promise<ContactResponseDto[]> {
    const memberships = await this.contacts.organizationsOf(
      manager,
      rows.map((r) => r.id),
    );
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

function toEmailContact(row: EmailRecipientRow): EmailContact {
  return {
    accessProfileId: row.access_profile_id,
    contactId: row.contact_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    receivesAccountEmails: row.receives_account_emails,
  };
}
