import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { GatewayRegistry } from './gateway-registry';
import { GatewaysController } from './gateways.controller';
import { GatewaysService } from './gateways.service';
import { PaymentSettingsService } from './payment-settings.service';
import { SandboxCharge } from './sandbox/sandbox-charge.entity';
import { SandboxRefund } from './sandbox/sandbox-refund.entity';
import { SandboxRepository } from './sandbox/sandbox.repository';
import { SandboxGateway } from './sandbox/sandbox.gateway';
import { StripeGateway } from './stripe/stripe.gateway';

/** Payment gateways behind one interface, their settings, and the built-in sandbox's ledger. */
@Module({
  controllers: [GatewaysController],
  exports: [GatewayRegistry, PaymentSettingsService, StripeGateway],
  imports: [AuditModule, SettingsModule, TypeOrmModule.forFeature([SandboxCharge, SandboxRefund])],
  providers: [
    GatewayRegistry,
    GatewaysService,
    PaymentSettingsService,
    SandboxGateway,
    SandboxRepository,
    StripeGateway,
  ],
})
export class GatewaysModule {}
