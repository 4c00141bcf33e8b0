import { Injectable } from '@nestjs/common';
import { mergeRecipients } from '@settle/domain';
import { EntityManager } from 'typeorm';

import { ContactAccessService, ContactsService } from '../contacts';
import { greetingName } from './display';
import { EmailQueue } from './email-queue.service';
import { EmailContext, EmailWriter, WrittenEmail } from './email-writer.service';
import { EmailTemplateData } from './templates';

/**
 * The access emails a contact asks for itself (no staff member sends them): the password reset
 * link from the portal's sign-in page. The caller issues the token and writes the email in one
 * transaction, then sends it once that commits.
 */
@Injectable()
export class AccessEmails {
  constructor(
    private readonly writer: EmailWriter,
    private readonly queue: EmailQueue,
    private readonly contacts: ContactsService,
    private readonly access: ContactAccessService,
  ) {}

  /** Branding and settings, read before the transaction (they use connections of their own). */
  context(): Promise<EmailContext> {
    return this.writer.context();
  }

  /**
   * In the caller's transaction: the reset email carrying `token`, to the contact's address,
   * named for the first organization it may use the portal for. Null when it has none left.
   */
  async writePasswordReset(
    manager: EntityManager,
    context: EmailContext,
    contactId: string,
    link: { token: string; expiresAt: Date },
  ): Promise<WrittenEmail | null> {
    const profile = await this.access.portalProfile(manager, contactId);
    if (!profile) return null;
    const [organization] = profile.organizations;
    const [contact] = await this.contacts.emailContacts(manager, organization.id, [contactId]);
    if (!contact) return null;
    const [recipient] = mergeRecipients([
      { address: contact.email, contactId, name: greetingName(contact.firstName) },
    ]);
    const data: EmailTemplateData['password_reset'] = {
      expiresInMinutes: Math.round((link.expiresAt.getTime() - Date.now()) / 60_000),
      organizationName: organization.name,
      recipientName: recipient.name,
      resetUrl: this.writer.portalUrl(
        context,
        `reset-password?token=${encodeURIComponent(link.token)}`,
      ),
    };
    const [written] = await this.writer.write(
      manager,
      [
        {
          contactId,
          data,
          dedupeKey: null,
          invoiceId: null,
          organizationId: organization.id,
          paymentId: null,
          skipReason: recipient.address
            ? null
            : `No valid email address ("${contact.email}") for this contact`,
          staffUserId: null,
          to: recipient.address ? [recipient.address] : [],
          trigger: "Asked for on the portal's sign-in page",
          type: 'password_reset',
        },
      ],
      context,
    );
    return written;
  }

  /** After the transaction that wrote it commits. */
  send(email: WrittenEmail): Promise<void> {
    return email.status === 'queued' ? this.queue.enqueue([email.id]) : Promise.resolve();
  }
}
