import { Module } from '@nestjs/common';

import { EmailsModule } from '../emails';
import { IntegrationsModule } from '../integrations';
import { InvoicesModule } from '../invoices';
import { PaymentMethodsModule } from '../payment-methods';
import { PaymentsModule } from '../payments';
import { SettingsModule } from '../settings';
import { ActivityReportsService } from './activity-reports.service';
import { ActivityRepository } from './activity.repository';
import { ReportStreams } from './report-streams.repository';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  imports: [
    EmailsModule,
    IntegrationsModule,
    InvoicesModule,
    PaymentMethodsModule,
    PaymentsModule,
    SettingsModule,
  ],
  providers: [
    ActivityReportsService,
    ActivityRepository,
    ReportStreams,
    ReportsRepository,
    ReportsService,
  ],
})
export class ReportsModule {}
