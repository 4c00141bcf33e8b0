import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { GatewaysModule } from '../gateways';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { OutboxModule } from '../outbox';
import { PaymentMethodsModule } from '../payment-methods';
import { SettingsModule } from '../settings';
import { AccountingSyncService } from './accounting-sync.service';
import { AchReturn } from './ach-return.entity';
import { AchReturnsController } from './ach-returns.controller';
import { AchReturnsRepository } from './ach-returns.repository';
import { AchReturnsService } from './ach-returns.service';
import { GatewayEvent } from './gateway-event.entity';
import { GatewayEventsRepository } from './gateway-events.repository';
import { InvoiceActivityController } from './invoice-activity.controller';
import { InvoiceActivityService } from './invoice-activity.service';
import { OrphanRecoveryService } from './orphan-recovery.service';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentAttempt } from './payment-attempt.entity';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentEvent } from './payment-event.entity';
import { PaymentEventsRepository } from './payment-events.repository';
import { PaymentLedger } from './payment-ledger';
import { PaymentMaintenanceService } from './payment-maintenance.service';
import { PaymentQueriesService } from './payment-queries.service';
import { PaymentReadsRepository } from './payment-reads.repository';
import { PaymentReportsController } from './payment-reports.controller';
import { PaymentReportsService } from './payment-reports.service';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { PaymentSyncActionsService } from './payment-sync-actions.service';
import { Payment } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsProcessor } from './payments.processor';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { Refund } from './refund.entity';
import { RefundsRepository } from './refunds.repository';
import { RefundsService } from './refunds.service';
import { StripeWebhooksController } from './stripe-webhooks.controller';
import { StripeWebhooksService } from './stripe-webhooks.service';

/** Payments, their allocations, attempts, timeline, refunds and ACH returns. */
@Module({
  controllers: [
    AchReturnsController,
    InvoiceActivityController,
    PaymentReportsController,
    PaymentsController,
    StripeWebhooksController,
  ],
  exports: [
    AccountingSyncService,
    PaymentQueriesService,
    PaymentReportsService,
    PaymentsProcessor,
    PaymentsService,
  ],
  imports: [
    AuditModule,
    GatewaysModule,
    InvoicesModule,
    OrganizationsModule,
    OutboxModule,
    PaymentMethodsModule,
    SettingsModule,
    TypeOrmModule.forFeature([
      AchReturn,
      GatewayEvent,
      Payment,
      PaymentAllocation,
      PaymentAttempt,
      PaymentEvent,
      Refund,
    ]),
  ],
  providers: [
    AccountingSyncService,
    AchReturnsRepository,
    AchReturnsService,
    GatewayEventsRepository,
    InvoiceActivityService,
    OrphanRecoveryService,
    PaymentAttemptsRepository,
    PaymentEventsRepository,
    PaymentLedger,
    PaymentMaintenanceService,
    PaymentQueriesService,
    PaymentReadsRepository,
    PaymentReportsService,
    PaymentRunnerService,
    PaymentSchedulerService,
    PaymentSyncActionsService,
    PaymentsProcessor,
    PaymentsRepository,
    PaymentsService,
    RefundsRepository,
    RefundsService,
    StripeWebhooksService,
  ],
})
export class PaymentsModule {}
