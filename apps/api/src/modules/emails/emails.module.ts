import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { ContactsModule } from '../contacts';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { OutboxModule } from '../outbox';
import { PaymentMethodsModule } from '../payment-methods';
import { PaymentsModule } from '../payments';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { EmailAttachment } from './email-attachment.entity';
import { EmailEvent } from './email-event.entity';
import { EmailOutboxSubscriber } from './email-outbox.subscriber';
import { EmailQueue } from './email-queue.service';
import { EmailSender } from './email-sender.service';
import { EmailSettingsController } from './email-settings.controller';
import { EmailSettingsService } from './email-settings.service';
import { EmailWriter } from './email-writer.service';
import { Email } from './email.entity';
import { EmailsController } from './emails.controller';
import { EmailsProcessor } from './emails.processor';
import { EmailsRepository } from './emails.repository';
import { EmailsService } from './emails.service';
import { ExclusionsRepository } from './exclusions.repository';
import { OrganizationEmailExclusion } from './organization-email-exclusion.entity';
import { OrganizationEmailsController } from './organization-emails.controller';
import { NoticeSettingsController } from './notices';
import { NoticeSettingsService } from './notices';
import { NoticesProcessor } from './notices';
import { NoticesRepository } from './notices';
import { NoticesService } from './notices';
import { AccessEmails } from './access-emails.service';
import { PortalReceipts } from './portal-receipts.service';
import { PaymentEmails } from './payment-emails';
import { StaffNotificationSettingsController } from './staff-notifications';
import { StaffNotificationSettingsService } from './staff-notifications';
import { StaffNotificationsRepository } from './staff-notifications';
import { StaffNotificationsService } from './staff-notifications';
import { StatementPdfs } from './statements';

/** Every email as a row before it is sent, its delivery over SMTP, and Settings → Email. */
@Module({
  controllers: [
    EmailSettingsController,
    EmailsController,
    NoticeSettingsController,
    OrganizationEmailsController,
    StaffNotificationSettingsController,
  ],
  exports: [
    AccessEmails,
    EmailsProcessor,
    EmailsService,
    NoticesProcessor,
    PortalReceipts,
    StatementPdfs,
  ],
  imports: [
    AuditModule,
    ContactsModule,
    InvoicesModule,
    OrganizationsModule,
    OutboxModule,
    PaymentMethodsModule,
    PaymentsModule,
    SettingsModule,
    UsersModule,
    TypeOrmModule.forFeature([Email, EmailAttachment, EmailEvent, OrganizationEmailExclusion]),
  ],
  providers: [
    AccessEmails,
    EmailOutboxSubscriber,
    EmailQueue,
    EmailSender,
    EmailSettingsService,
    EmailWriter,
    EmailsProcessor,
    EmailsRepository,
    EmailsService,
    ExclusionsRepository,
    NoticeSettingsService,
    NoticesProcessor,
    NoticesRepository,
    NoticesService,
    PaymentEmails,
    PortalReceipts,
    StaffNotificationSettingsService,
    StaffNotificationsRepository,
    StaffNotificationsService,
    StatementPdfs,
  ],
})
export class EmailsModule {}
