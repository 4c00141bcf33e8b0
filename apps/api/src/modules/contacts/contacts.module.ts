import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { AccessProfile } from './access-profile.entity';
import { AccessProfilesController } from './access-profiles.controller';
import { AccessProfilesRepository } from './access-profiles.repository';
import { AccessProfilesService } from './access-profiles.service';
import { ContactAccessRepository } from './contact-access.repository';
import { ContactAccessService } from './contact-access.service';
import { ContactCredential } from './contact-credential.entity';
import { ContactMembership } from './contact-membership.entity';
import { ContactToken } from './contact-token.entity';
import { ContactTokensRepository } from './contact-tokens.repository';
import { ContactTokensService } from './contact-tokens.service';
import { Contact } from './contact.entity';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

/**
 * Contacts of organizations, their memberships and the access profiles those carry, their portal
 * passwords, and the single-use tokens of their welcome and password reset links.
 */
@Module({
  controllers: [AccessProfilesController, ContactsController],
  exports: [AccessProfilesService, ContactAccessService, ContactsService, ContactTokensService],
  imports: [
    AuditModule,
    OrganizationsModule,
    TypeOrmModule.forFeature([
      AccessProfile,
      Contact,
      ContactCredential,
      ContactMembership,
      ContactToken,
    ]),
  ],
  providers: [
    AccessProfilesRepository,
    AccessProfilesService,
    ContactAccessRepository,
    ContactAccessService,
    ContactsRepository,
    ContactsService,
    ContactTokensRepository,
    ContactTokensService,
  ],
})
export class ContactsModule {}
