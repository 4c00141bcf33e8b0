import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { ContactAccessService, ContactTokensService } from '../../contacts';
import { AccessEmails } from '../../emails';

/** What a reset job did: `skipped` when no contact with portal access has the address. */
export type PasswordResetOutcome = 'issued' | 'skipped';

/** The queued half of a portal password reset (see PortalAuthService.requestPasswordReset). */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ContactAccessService,
    private readonly tokens: ContactTokensService,
    private readonly accessEmails: AccessEmails,
  ) {}

  /**
   * A new single-use reset link for the contact with this address, if one may use the portal;
   * the token and the email carrying it commit together, and the email is sent after.
   */
  async issueFor(email: string): Promise<PasswordResetOutcome> {
    const context = await this.accessEmails.context();
    const written = await this.dataSource.transaction(async (manager) => {
      const contactId = await this.access.findPortalContactByEmail(manager, email);
      if (!contactId) return null;
      const link = await this.tokens.issue(manager, contactId, 'password_reset');
      return this.accessEmails.writePasswordReset(manager, context, contactId, link);
    });
    if (!written) return 'skipped';
    await this.accessEmails.send(written);
    return 'issued';
  }
}
