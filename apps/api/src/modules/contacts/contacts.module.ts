import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { AccessProfile } from './access-profile.entity';
import { AccessProfilesController } from './access-profiles.controller';
import { AccessProfilesRepository } from './access-profiles.repository';
import { AccessProfilesService } from './access-profiles.service';
import { ContactMembership } from './contact-membership.entity';
import { Contact } from './contact.entity';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';

/** Contacts of organizations, their memberships and the access profiles those carry. */
@Module({
  controllers: [AccessProfilesController, ContactsController],
  exports: [AccessProfilesService, ContactsService],
  imports: [
    AuditModule,
    OrganizationsModule,
    TypeOrmModule.forFeature([AccessProfile, Contact, ContactMembership]),
  ],
  providers: [AccessProfilesRepository, AccessProfilesService, ContactsRepository, ContactsService],
})
export class ContactsModule {}
