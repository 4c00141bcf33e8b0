import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { DataSourceOptions } from 'typeorm';

import { ProblemDetailsFilter } from './common/filters/problem-details.filter';
import { RolesGuard } from './common/guards/roles.guard';
import { StaffAuthGuard } from './common/guards/staff-auth.guard';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { ProcessLeaseModule } from './common/process-lease/process-lease.module';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { SettleDataSource } from './database/settle-data-source';
import { typeOrmOptions } from './database/typeorm-options';
import { nestLoggerOptions } from './logging';
import { ApiKeysModule } from './modules/api-keys';
import { AuditModule } from './modules/audit';
import { AuthModule } from './modules/auth';
import { AutopayModule, AutopayProcessor } from './modules/autopay';
import { ContactsModule } from './modules/contacts';
import { DemoDataModule } from './modules/demo-data';
import { EmailsModule, EmailsProcessor, NoticesProcessor } from './modules/emails';
import { GatewaysModule } from './modules/gateways';
import { HealthModule } from './modules/health';
import { IntegrationsModule, IntegrationsProcessor } from './modules/integrations';
import { InvoicesModule } from './modules/invoices';
import { OrganizationsModule } from './modules/organizations';
import { OutboxModule } from './modules/outbox';
import { PaymentMethodsModule } from './modules/payment-methods';
import { PaymentsModule, PaymentsProcessor } from './modules/payments';
import { PortalAuthProcessor, PortalModule } from './modules/portal';
import { ReconciliationModule, ReconciliationProcessor } from './modules/reconciliation';
import { ReportsModule } from './modules/reports';
import { SettingsModule } from './modules/settings';
import { DiagnosticProcessors, SystemModule } from './modules/system';
import { UsersModule } from './modules/users';
import { WebhooksModule, WebhooksProcessor } from './modules/webhooks';
import { QUEUE_PROCESSORS, QueueWorkers } from './queues/queue-workers';
import { QueueProcessor } from './queues/queues';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/** Queue workers; present only in processes whose SETTLE_ROLE is `worker` or `all`. */
@Module({
  imports: [
    AutopayModule,
    EmailsModule,
    IntegrationsModule,
    PaymentsModule,
    PortalModule,
    ReconciliationModule,
    SystemModule,
    WebhooksModule,
  ],
  providers: [
    {
      inject: [
        AutopayProcessor,
        IntegrationsProcessor,
        PaymentsProcessor,
        EmailsProcessor,
        NoticesProcessor,
        PortalAuthProcessor,
        WebhooksProcessor,
        ReconciliationProcessor,
        DiagnosticProcessors,
      ],
      provide: QUEUE_PROCESSORS,
      useFactory: (
        autopay: AutopayProcessor,
        integrations: IntegrationsProcessor,
        payments: PaymentsProcessor,
        emails: EmailsProcessor,
        notices: NoticesProcessor,
        portal: PortalAuthProcessor,
        webhooks: WebhooksProcessor,
        reconciliation: ReconciliationProcessor,
        diagnostics: DiagnosticProcessors,
      ): QueueProcessor[] => [
        autopay,
        integrations,
        payments,
        emails,
        notices,
        portal,
        webhooks,
        reconciliation,
        ...diagnostics.all,
      ],
    },
    QueueWorkers,
  ],
})
class WorkersModule {}

const featureModules = [
  ApiKeysModule,
  AuditModule,
  AuthModule,
  AutopayModule,
  ContactsModule,
  DemoDataModule,
  EmailsModule,
  GatewaysModule,
  HealthModule,
  IdempotencyModule,
  InvoicesModule,
  OrganizationsModule,
  OutboxModule,
  PaymentMethodsModule,
  PaymentsModule,
  PortalModule,
  ProcessLeaseModule,
  ReconciliationModule,
  ReportsModule,
  SettingsModule,
  SystemModule,
  UsersModule,
  WebhooksModule,
  // Last, so that its operations (some wait for sync runs) come last in openapi.json and in the
  // hostile-input spec that walks it: the portal staff-view token that spec mints lives a minute.
  IntegrationsModule,
];

/** One module graph for every role (immich's ApiModule/MicroservicesModule idea). */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig, logger: Logger): DynamicModule {
    return {
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(nestLoggerOptions(logger)),
        TypeOrmModule.forRootAsync({
          dataSourceFactory: (options) =>
            new SettleDataSource(options as DataSourceOptions).initialize(),
          useFactory: () => ({
            ...typeOrmOptions(config.env.DATABASE_URL, {
              acquireTimeoutMs: config.env.DATABASE_POOL_TIMEOUT_MS,
              size: config.env.DATABASE_POOL_SIZE,
            }),
            retryAttempts: 5,
            retryDelay: 2000,
          }),
        }),
        RedisModule,
        QueuesModule,
        ...featureModules,
        ...(config.runsProcessors ? [WorkersModule] : []),
      ],
      module: AppModule,
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: StaffAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
