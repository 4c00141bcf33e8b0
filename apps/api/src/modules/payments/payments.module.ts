import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { GatewaysModule } from '../gateways/gateways.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentMethodsModule } from '../payment-methods/payment-methods.module';
import { SettingsModule } from '../settings/settings.module';
import { AchReturn } from './ach-return.entity';
import { AchReturnsController } from './ach-returns.controller';
import { AchReturnsService } from './ach-returns.service';
import { GatewayEvent } from './gateway-event.entity';
import { PaymentAllocation } from './payment-allocation.entity';
import { PaymentAttempt } from './payment-attempt.entity';
import { PaymentEvent } from './payment-event.entity';
import { PaymentLedger } from './payment-ledger';
import { PaymentQueriesService } from './payment-queries.service';
import { PaymentReportsController } from './payment-reports.controller';
import { PaymentReportsService } from './payment-reports.service';
import { PaymentRunnerService } from './payment-runner.service';
import { PaymentSchedulerService } from './payment-scheduler.service';
import { Payment } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { Refund } from './refund.entity';
import { RefundsService } from './refunds.service';
import { StripeWebhooksController } from './stripe-webhooks.controller';
import { StripeWebhooksService } from './stripe-webhooks.service';

@Module({
  controllers: [
    AchReturnsController,
    PaymentReportsController,
    PaymentsController,
    StripeWebhooksController,
  ],
  exports: [PaymentMethodsModule, PaymentRunnerService, PaymentSchedulerService, RefundsService],
  imports: [
    GatewaysModule,
    InvoicesModule,
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
    AchReturnsService,
    PaymentLedger,
    PaymentQueriesService,
    PaymentReportsService,
    PaymentRunnerService,
    PaymentSchedulerService,
    PaymentsService,
    RefundsService,
    StripeWebhooksService,
  ],
})
export class PaymentsModule {}
