export { AccessProfilesService } from './access-profiles.service';
export { ContactsModule } from './contacts.module';
export { ContactsService } from './contacts.service';
