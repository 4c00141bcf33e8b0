import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { GatewayRegistry } from './gateway-registry';
import { GatewaysController } from './gateways.controller';
import { GatewaysService } from './gateways.service';
import { PaymentSettingsService } from './payment-settings.service';
import { SandboxCharge } from './sandbox/sandbox-charge.entity';
import { SandboxRefund } from './sandbox/sandbox-refund.entity';
import { SandboxGateway } from './sandbox/sandbox.gateway';
import { StripeGateway } from './stripe/stripe.gateway';

@Module({
  controllers: [GatewaysController],
  exports: [GatewayRegistry, PaymentSettingsService, StripeGateway],
  imports: [TypeOrmModule.forFeature([SandboxCharge, SandboxRefund])],
  providers: [
    GatewayRegistry,
    GatewaysService,
    PaymentSettingsService,
    SandboxGateway,
    StripeGateway,
  ],
})
export class GatewaysModule {}
