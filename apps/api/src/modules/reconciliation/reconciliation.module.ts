import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { GatewaysModule } from '../gateways';
import { IntegrationsModule } from '../integrations';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { PaymentsModule } from '../payments';
import { SettingsModule } from '../settings';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationDifference } from './reconciliation-difference.entity';
import { ReconciliationOrganizationTotal } from './reconciliation-organization-total.entity';
import { ReconciliationProcessor } from './reconciliation.processor';
import { ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationRun } from './reconciliation-run.entity';
import { ReconciliationRunner } from './reconciliation-runner.service';
import { ReconciliationService } from './reconciliation.service';

@Module({
  controllers: [ReconciliationController],
  exports: [ReconciliationProcessor],
  imports: [
    AuditModule,
    GatewaysModule,
    IntegrationsModule,
    InvoicesModule,
    OrganizationsModule,
    PaymentsModule,
    SettingsModule,
    TypeOrmModule.forFeature([
      ReconciliationDifference,
      ReconciliationOrganizationTotal,
      ReconciliationRun,
    ]),
  ],
  providers: [
    ReconciliationProcessor,
    ReconciliationRepository,
    ReconciliationRunner,
    ReconciliationService,
  ],
})
export class ReconciliationModule {}
