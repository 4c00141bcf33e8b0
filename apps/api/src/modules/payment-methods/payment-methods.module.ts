import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { GatewaysModule } from '../gateways/gateways.module';
import { SettingsModule } from '../settings/settings.module';
import { PaymentMethod } from './payment-method.entity';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsService } from './payment-methods.service';

@Module({
  controllers: [PaymentMethodsController],
  exports: [PaymentMethodsService],
  imports: [GatewaysModule, SettingsModule, TypeOrmModule.forFeature([PaymentMethod])],
  providers: [PaymentMethodsService],
})
export class PaymentMethodsModule {}
