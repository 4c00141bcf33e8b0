import { Module } from '@nestjs/common';

import { InvoicesModule } from '../invoices';
import { SettingsModule } from '../settings';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  imports: [InvoicesModule, SettingsModule],
  providers: [ReportsRepository, ReportsService],
})
export class ReportsModule {}
