export { AccessProfilesService } from './access-profiles.service';
export { ContactAccessService, PortalProfile } from './contact-access.service';
export { Contact } from './contact.entity';
export { ContactsModule } from './contacts.module';
export { ContactsService, EmailContact } from './contacts.service';
export { ContactTokensService } from './contact-tokens.service';
