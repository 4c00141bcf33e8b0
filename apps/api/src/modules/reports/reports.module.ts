import { Module } from '@nestjs/common';

import { InvoicesModule } from '../invoices/invoices.module';
import { SettingsModule } from '../settings/settings.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  imports: [InvoicesModule, SettingsModule],
  providers: [ReportsService],
})
export class ReportsModule {}
