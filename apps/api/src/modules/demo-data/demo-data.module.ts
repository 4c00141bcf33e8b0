import { Module } from '@nestjs/common';

import { ContactsModule } from '../contacts';
import { IntegrationsModule } from '../integrations';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { PaymentMethodsModule } from '../payment-methods';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { DemoDataService } from './demo-data.service';

@Module({
  exports: [DemoDataService],
  imports: [
    ContactsModule,
    IntegrationsModule,
    InvoicesModule,
    OrganizationsModule,
    PaymentMethodsModule,
    SettingsModule,
    UsersModule,
  ],
  providers: [DemoDataService],
})
export class DemoDataModule {}
