import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { OutboxModule } from '../outbox';
import { PaymentMethodsModule } from '../payment-methods';
import { PaymentsModule } from '../payments';
import { SettingsModule } from '../settings';
import { AutopayApprovalsService } from './autopay-approvals.service';
import { AutopayForecastService } from './autopay-forecast.service';
import { AutopayInputsReader } from './autopay-inputs.reader';
import { AutopayProcessor } from './autopay.processor';
import { AutopayRule } from './autopay-rule.entity';
import { AutopayRun } from './autopay-run.entity';
import { AutopayRulesController } from './autopay-rules.controller';
import { AutopayRulesRepository } from './autopay-rules.repository';
import { AutopayRulesService } from './autopay-rules.service';
import { AutopayRunsController } from './autopay-runs.controller';
import { AutopayRunsRepository } from './autopay-runs.repository';
import { AutopayRunsService } from './autopay-runs.service';
import { AutopaySettingsController } from './autopay-settings.controller';
import { AutopaySettingsService } from './autopay-settings.service';

@Module({
  controllers: [AutopayRulesController, AutopayRunsController, AutopaySettingsController],
  exports: [AutopayProcessor, AutopayRulesService],
  imports: [
    AuditModule,
    InvoicesModule,
    OrganizationsModule,
    OutboxModule,
    PaymentMethodsModule,
    PaymentsModule,
    SettingsModule,
    TypeOrmModule.forFeature([AutopayRule, AutopayRun]),
  ],
  providers: [
    AutopayApprovalsService,
    AutopayForecastService,
    AutopayInputsReader,
    AutopayProcessor,
    AutopayRulesRepository,
    AutopayRulesService,
    AutopayRunsRepository,
    AutopayRunsService,
    AutopaySettingsService,
  ],
})
export class AutopayModule {}
