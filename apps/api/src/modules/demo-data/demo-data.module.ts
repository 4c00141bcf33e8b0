import { Module } from '@nestjs/common';

import { ContactsModule } from '../contacts/contacts.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { DemoDataService } from './demo-data.service';

@Module({
  exports: [DemoDataService],
  imports: [ContactsModule, InvoicesModule, OrganizationsModule, SettingsModule, UsersModule],
  providers: [DemoDataService],
})
export class DemoDataModule {}
