import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { OrganizationsModule } from '../organizations/organizations.module';
import { AccessProfile } from './access-profile.entity';
import { AccessProfilesController } from './access-profiles.controller';
import { AccessProfilesService } from './access-profiles.service';
import { ContactMembership } from './contact-membership.entity';
import { Contact } from './contact.entity';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  controllers: [AccessProfilesController, ContactsController],
  exports: [ContactsService],
  imports: [
    OrganizationsModule,
    TypeOrmModule.forFeature([AccessProfile, Contact, ContactMembership]),
  ],
  providers: [AccessProfilesService, ContactsService],
})
export class ContactsModule {}
