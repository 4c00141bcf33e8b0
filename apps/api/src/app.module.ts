import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';

import { ProblemDetailsFilter } from './common/filters/problem-details.filter';
import { RolesGuard } from './common/guards/roles.guard';
import { StaffAuthGuard } from './common/guards/staff-auth.guard';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { typeOrmOptions } from './database/typeorm-options';
import { nestLoggerOptions } from './logging';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { DemoDataModule } from './modules/demo-data/demo-data.module';
import { HealthModule } from './modules/health/health.module';
import { InvoicesModule } from './modules/invoices/invoices.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SettingsModule } from './modules/settings/settings.module';
import { DIAGNOSTIC_PROCESSORS } from './modules/system/diagnostic.processors';
import { PaymentsProcessor } from './modules/payments/payments.processor';
import { GatewaysModule } from './modules/gateways/gateways.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { PaymentMethodsModule } from './modules/payment-methods/payment-methods.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { SystemModule } from './modules/system/system.module';
import { UsersModule } from './modules/users/users.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';

/** Queue processors; present only in processes whose SETTLE_ROLE is `worker` or `all`. */
@Module({
  imports: [PaymentsModule, SettingsModule],
  providers: [...DIAGNOSTIC_PROCESSORS, PaymentsProcessor],
})
class ProcessorsModule {}

const featureModules = [
  ApiKeysModule,
  AuditModule,
  AuthModule,
  ContactsModule,
  DemoDataModule,
  GatewaysModule,
  HealthModule,
  IdempotencyModule,
  InvoicesModule,
  OrganizationsModule,
  OutboxModule,
  PaymentMethodsModule,
  PaymentsModule,
  ReportsModule,
  SettingsModule,
  SystemModule,
  UsersModule,
];

/** One module graph for every role (immich's ApiModule/MicroservicesModule idea). */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig, logger: Logger): DynamicModule {
    return {
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(nestLoggerOptions(logger)),
        TypeOrmModule.forRoot({
          ...typeOrmOptions(config.env.DATABASE_URL, config.env.DATABASE_POOL_SIZE),
          retryAttempts: 5,
          retryDelay: 2000,
        }),
        RedisModule,
        QueuesModule,
        ...featureModules,
        ...(config.runsProcessors ? [ProcessorsModule] : []),
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
