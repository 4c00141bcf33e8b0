import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { ContactsModule } from '../contacts';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { OutboxModule } from '../outbox';
import { PaymentsModule } from '../payments';
import { SettingsModule } from '../settings';
import { AccountingPaymentsReader } from './accounting-payments.reader';
import { AccountingPushService } from './accounting-push.service';
import { EntitiesController } from './entities.controller';
import { EntitiesService } from './entities.service';
import { ExternalEntitiesRepository } from './external-entities.repository';
import { ExternalEntity } from './external-entity.entity';
import { Integration } from './integration.entity';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsProcessor } from './integrations.processor';
import { IntegrationsRepository } from './integrations.repository';
import { IntegrationsService } from './integrations.service';
import { QuickBooksAuthorization } from './quickbooks-authorization.service';
import { QuickBooksConnections } from './quickbooks-connections.service';
import { SyncAlertsService } from './sync-alerts.service';
import { SyncRun } from './sync-run.entity';
import { SyncRunsController } from './sync-runs.controller';
import { SyncRunsRepository } from './sync-runs.repository';
import { SyncRunsService } from './sync-runs.service';

@Module({
  controllers: [EntitiesController, IntegrationsController, SyncRunsController],
  exports: [
    AccountingPaymentsReader,
    IntegrationsProcessor,
    IntegrationsService,
    QuickBooksAuthorization,
    SyncAlertsService,
    SyncRunsService,
  ],
  imports: [
    AuditModule,
    ContactsModule,
    InvoicesModule,
    OrganizationsModule,
    OutboxModule,
    PaymentsModule,
    SettingsModule,
    TypeOrmModule.forFeature([ExternalEntity, Integration, SyncRun]),
  ],
  providers: [
    AccountingPaymentsReader,
    AccountingPushService,
    EntitiesService,
    ExternalEntitiesRepository,
    IntegrationsProcessor,
    IntegrationsRepository,
    IntegrationsService,
    QuickBooksAuthorization,
    QuickBooksConnections,
    SyncAlertsService,
    SyncRunsRepository,
    SyncRunsService,
  ],
})
export class IntegrationsModule {}
