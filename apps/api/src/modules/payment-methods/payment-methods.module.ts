import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { GatewaysModule } from '../gateways';
import { OrganizationsModule } from '../organizations';
import { SettingsModule } from '../settings';
import { PaymentMethod } from './payment-method.entity';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsRepository } from './payment-methods.repository';
import { PaymentMethodsService } from './payment-methods.service';

@Module({
  controllers: [PaymentMethodsController],
  exports: [PaymentMethodsService],
  imports: [
    AuditModule,
    GatewaysModule,
    OrganizationsModule,
    SettingsModule,
    TypeOrmModule.forFeature([PaymentMethod]),
  ],
  providers: [PaymentMethodsRepository, PaymentMethodsService],
})
export class PaymentMethodsModule {}
